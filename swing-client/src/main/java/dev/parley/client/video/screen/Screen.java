package dev.parley.client.video.screen;

import java.awt.Rectangle;

/**
 * One display a user can share.
 *
 * @param id     the windowing system's id of the device ({@code GraphicsDevice.getIDstring()})
 * @param number 1-based position in the system's list of screens
 * @param x      left edge in desktop coordinates
 * @param y      top edge in desktop coordinates
 * @param width  width in desktop coordinates
 * @param height height in desktop coordinates
 */
public record Screen(String id, int number, int x, int y, int width, int height) {

    public Screen {
        if (id == null || number < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("a screen has an id, a number from 1 and a size");
        }
    }

    /** What a person picks it by, e.g. "Screen 1 (1600x1000)". */
    public String label() {
        return "Screen " + number + " (" + width + "x" + height + ")";
    }

    /** Its area in desktop coordinates (a new rectangle each time). */
    public Rectangle bounds() {
        return new Rectangle(x, y, width, height);
    }

    @Override
    public String toString() {
        return label();
    }
}
