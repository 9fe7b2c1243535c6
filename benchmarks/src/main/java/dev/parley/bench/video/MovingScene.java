package dev.parley.bench.video;

import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A synthetic camera-like scene for the codec benchmarks: a slowly panning gradient, a "head" swaying
 * side to side, a bouncing box, a shelf of books, a fine stripe pattern, a grainy wall and text
 * that changes every frame.
 * Deterministic: frame {@code n} is always the same picture. The same scene as the codec tests'
 * ({@code dev.parley.common.video.MovingScene} in common's tests), so that benchmark and test
 * figures compare.
 */
final class MovingScene {
    private final int width;
    private final int height;
    private final int frameRate;
    private int[] grain;

    MovingScene(int width, int height, int frameRate) {
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The same light grain in every frame, like a textured wall: costs a keyframe bits, not a delta frame. */
    private void addGrain(int[] rgb) {
        int[] grain = grain();
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int d = grain[i];
            rgb[i] = (clamp(((p >> 16) & 0xFF) + d) << 16) | (clamp(((p >> 8) & 0xFF) + d) << 8) | clamp((p & 0xFF) + d);
        }
    }

    private int[] grain() {
        if (grain == null) {
            java.util.Random random = new java.util.Random(42);
            grain = new int[width * height];
            for (int i = 0; i < grain.length; i++) {
                grain[i] = random.nextInt(7) - 3;
            }
        }
        return grain;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Frame {@code n} of the scene, {@code n / frameRate} seconds in. */
    public Picture frame(int n) {
        double t = (double) n / frameRate;
        double sx = width / 640.0;
        double sy = height / 360.0;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float pan = (float) (t * 12 * sx);
            g.setPaint(new GradientPaint(-pan, 0, new Color(40, 70, 120), width - pan, height, new Color(170, 140, 90)));
            g.fillRect(0, 0, width, height);

            // a shelf of books: static detail a codec must keep but need not resend
            java.util.Random books = new java.util.Random(7);
            for (int x = (int) (20 * sx); x < (int) (220 * sx); ) {
                int w = (int) ((6 + books.nextInt(10)) * sx) + 1;
                int h = (int) ((60 + books.nextInt(40)) * sy);
                g.setColor(new Color(60 + books.nextInt(180), 40 + books.nextInt(160), 40 + books.nextInt(160)));
                g.fillRect(x, (int) (200 * sy) - h, w - 1, h);
                x += w;
            }

            // fine static stripes: detail a codec must keep but need not resend
            g.setColor(new Color(220, 220, 210));
            for (int x = 0; x < (int) (120 * sx); x += 4) {
                g.fillRect((int) (500 * sx) + x, (int) (20 * sy), 2, (int) (80 * sy));
            }

            // the head: sways and nods a little
            int headX = (int) ((270 + 40 * Math.sin(t * 1.3)) * sx);
            int headY = (int) ((90 + 8 * Math.sin(t * 2.1)) * sy);
            g.setColor(new Color(60, 50, 60));
            g.fillRect(headX - (int) (40 * sx), headY + (int) (150 * sy), (int) (180 * sx), (int) (140 * sy));
            g.setColor(new Color(225, 180, 150));
            g.fillOval(headX, headY, (int) (100 * sx), (int) (130 * sy));
            g.setColor(new Color(40, 30, 30));
            int eyeY = headY + (int) (45 * sy);
            g.fillOval(headX + (int) (25 * sx), eyeY, (int) (12 * sx), (int) (8 * sy));
            g.fillOval(headX + (int) (63 * sx), eyeY, (int) (12 * sx), (int) (8 * sy));
            g.setStroke(new BasicStroke((float) (3 * sx)));
            int mouth = (int) ((4 + 6 * Math.abs(Math.sin(t * 7))) * sy);
            g.drawOval(headX + (int) (35 * sx), headY + (int) (90 * sy), (int) (30 * sx), mouth);

            // a bouncing box
            double period = 4.0;
            double phase = (t % period) / period;
            double bounce = phase < 0.5 ? phase * 2 : 2 - phase * 2;
            int boxX = (int) ((20 + bounce * 500) * sx);
            g.setColor(new Color(200, 60, 50));
            g.fillRect(boxX, (int) (260 * sy), (int) (60 * sx), (int) (60 * sy));

            // text that changes every frame
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, (int) (22 * sy))));
            g.drawString(String.format("Parley frame %05d  t=%.2fs", n, t), (int) (20 * sx), (int) (40 * sy));
        } finally {
            g.dispose();
        }
        Picture picture = Pictures.adopt(image);
        addGrain(picture.rgb());
        return picture;
    }
}
