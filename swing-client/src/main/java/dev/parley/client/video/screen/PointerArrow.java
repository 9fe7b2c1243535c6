package dev.parley.client.video.screen;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The mouse pointer drawn into a screen capture: screen captures leave the pointer out, but the
 * people watching a share need to see what its presenter points at. A plain arrow, white with a
 * black outline, its tip at the pointer's hot spot.
 */
final class PointerArrow {
    /** The outline, tip at (0, 0), 19 pixels tall: the usual desktop arrow. */
    private static final int[] XS = {0, 0, 4, 8, 10, 7, 12};
    private static final int[] YS = {0, 17, 13, 20, 19, 12, 12};

    private PointerArrow() {
    }

    /** Draws the arrow with its tip at ({@code x}, {@code y}) of {@code image}; clipped at the edges. */
    static void draw(BufferedImage image, int x, int y) {
        Polygon arrow = new Polygon(XS, YS, XS.length);
        arrow.translate(x, y);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            g.fillPolygon(arrow);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawPolygon(arrow);
        } finally {
            g.dispose();
        }
    }
}
