package dev.parley.client.video.screen;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** What the test window shows: four big coloured blocks and large text, painted the same on screen and off. */
final class KnownContent {
    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    static final Color RED = new Color(0xD02020);
    static final Color GREEN = new Color(0x20A040);
    static final Color BLUE = new Color(0x2040D0);
    static final Color YELLOW = new Color(0xE0C020);

    private KnownContent() {
    }

    static void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setColor(RED);
        g.fillRect(0, 0, 320, 200);
        g.setColor(GREEN);
        g.fillRect(320, 0, 320, 200);
        g.setColor(BLUE);
        g.fillRect(0, 200, 320, 200);
        g.setColor(YELLOW);
        g.fillRect(320, 200, 320, 200);
        g.setColor(Color.WHITE);
        g.fillRect(60, 150, 520, 100);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 72));
        g.drawString("Parley 42", 110, 225);
    }

    static BufferedImage render() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}
