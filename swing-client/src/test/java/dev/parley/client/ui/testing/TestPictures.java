package dev.parley.client.ui.testing;

import dev.parley.common.video.Picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Pictures for tests: solid colours to check pixels against, and scenes that look like video in screenshots. */
public final class TestPictures {
    private TestPictures() {
    }

    public static Picture solid(int width, int height, int rgb) {
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        return new Picture(width, height, pixels);
    }

    /** The left half in one colour, the right half in another. */
    public static Picture halves(int width, int height, int left, int right) {
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            Arrays.fill(pixels, y * width, y * width + width / 2, left);
            Arrays.fill(pixels, y * width + width / 2, (y + 1) * width, right);
        }
        return new Picture(width, height, pixels);
    }

    /** A head and shoulders before a soft background, like a webcam picture. */
    public static Picture portrait(int width, int height, Color background, Color shirt) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, background.brighter(), 0, height, background.darker()));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xe0b89a));
            float head = height * 0.36f;
            g.fill(new Ellipse2D.Float(width / 2f - head / 2, height * 0.22f, head, head * 1.15f));
            g.setColor(shirt);
            float body = height * 0.9f;
            g.fill(new Ellipse2D.Float(width / 2f - body / 2, height * 0.66f, body, body));
        } finally {
            g.dispose();
        }
        return toPicture(image);
    }

    /** A desktop with two windows of text, like a shared screen. */
    public static Picture desktop(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0x2b5876), width, height, new Color(0x4e4376)));
            g.fillRect(0, 0, width, height);
            window(g, width * 0.06f, height * 0.08f, width * 0.55f, height * 0.7f, "Quarterly plan.txt");
            window(g, width * 0.52f, height * 0.3f, width * 0.42f, height * 0.6f, "Notes");
        } finally {
            g.dispose();
        }
        return toPicture(image);
    }

    private static void window(Graphics2D g, float x, float y, float w, float h, String title) {
        g.setColor(new Color(0, 0, 0, 60));
        g.fill(new RoundRectangle2D.Float(x + 6, y + 8, w, h, 14, 14));
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Float(x, y, w, h, 14, 14));
        g.setColor(new Color(0xe8e8ec));
        g.fill(new RoundRectangle2D.Float(x, y, w, 34, 14, 14));
        g.fillRect((int) x, (int) y + 20, (int) w, 14);
        g.setColor(new Color(0x333333));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, x + 16, y + 23);
        g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0xc9ccd6));
        for (int line = 0; y + 60 + line * 26 < y + h - 20; line++) {
            float len = w * (0.45f + 0.4f * (float) Math.abs(Math.sin(line * 1.7 + x)));
            g.drawLine((int) (x + 18), (int) (y + 60 + line * 26), (int) (x + 18 + len - 36), (int) (y + 60 + line * 26));
        }
    }

    private static Picture toPicture(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return new Picture(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }
}
