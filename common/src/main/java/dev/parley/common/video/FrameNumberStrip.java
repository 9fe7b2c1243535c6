package dev.parley.common.video;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A frame number written into the bottom of a picture as black and white blocks, so that a
 * program can read it back after lossy coding and scaling and tell which sent frame it is
 * looking at (latency, frame loss, PSNR against the regenerated frame).
 *
 * <p>The strip is the bottom {@value #STRIP_NUMERATOR}/{@value #STRIP_DENOMINATOR} of the
 * picture: {@value #ROWS} rows of {@value #COLUMNS} cells across the full width, 32 bits of the
 * frame number (most significant first) followed by a CRC-8 of them (partly inverted, so that
 * a black or white bar is not a number); white is 1. At 640x360 a
 * cell is 32x16 pixels. Every boundary is a fraction of the picture's size, so the reader finds
 * the cells in a picture scaled by any factor; it averages the middle half of each cell, which
 * keeps it clear of the ringing a codec leaves at the cell edges, and it only accepts cells that
 * are clearly black or white plus a matching CRC, so a picture without a strip reads as empty.
 */
public final class FrameNumberStrip {
    public static final int ROWS = 2;
    public static final int COLUMNS = 20;
    /** The strip's share of the picture height: 32 of 360 pixels. */
    public static final int STRIP_NUMERATOR = 4;
    public static final int STRIP_DENOMINATOR = 45;
    /** The smallest picture a strip fits into with cells of at least 2x1 pixels. */
    public static final int MIN_WIDTH = 2 * COLUMNS;
    public static final int MIN_HEIGHT = STRIP_DENOMINATOR / 2;

    private static final int DATA_BITS = 32;
    private static final int CHECK_BITS = 8;
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;
    /** Flips check bits so that neither an all-black nor an all-white strip is a valid codeword. */
    private static final int CHECK_MASK = 0x5A;
    /** A cell's average luma must be this far from mid grey to count as a bit. */
    private static final int DECISION_MARGIN = 48;

    static {
        if (ROWS * COLUMNS != DATA_BITS + CHECK_BITS) {
            throw new AssertionError("the strip's cells hold the number and its check bits exactly");
        }
    }

    private FrameNumberStrip() {
    }

    /** The first row of the strip in a picture {@code height} pixels tall; the content ends above it. */
    public static int top(int height) {
        return height - (int) Math.round((double) height * STRIP_NUMERATOR / STRIP_DENOMINATOR);
    }

    /**
     * Writes the low 32 bits of {@code frameNumber} into the bottom of {@code rgb}, overwriting
     * whatever was there.
     *
     * @throws IllegalArgumentException when the picture is smaller than {@value #MIN_WIDTH}x{@value #MIN_HEIGHT}
     *                                  or {@code rgb} does not hold {@code width * height} pixels
     */
    public static void stamp(int[] rgb, int width, int height, long frameNumber) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("a frame number strip needs at least " + MIN_WIDTH + "x"
                    + MIN_HEIGHT + " pixels, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture needs " + width * height + " pixels");
        }
        long bits = codeword(frameNumber & 0xFFFF_FFFFL);
        for (int row = 0; row < ROWS; row++) {
            int y0 = rowStart(row, height);
            int y1 = rowStart(row + 1, height);
            for (int col = 0; col < COLUMNS; col++) {
                int x0 = columnStart(col, width);
                int x1 = columnStart(col + 1, width);
                int colour = bit(bits, row * COLUMNS + col) ? WHITE : BLACK;
                for (int y = y0; y < y1; y++) {
                    Arrays.fill(rgb, y * width + x0, y * width + x1, colour);
                }
            }
        }
    }

    /**
     * The frame number stamped into {@code picture}, or empty when its strip is missing or
     * damaged (a cell neither clearly black nor clearly white, or the check bits do not match).
     */
    public static OptionalLong read(Picture picture) {
        int width = picture.width();
        int height = picture.height();
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            return OptionalLong.empty();
        }
        long bits = 0;
        for (int row = 0; row < ROWS; row++) {
            int y0 = rowStart(row, height);
            int y1 = rowStart(row + 1, height);
            for (int col = 0; col < COLUMNS; col++) {
                int x0 = columnStart(col, width);
                int x1 = columnStart(col + 1, width);
                int luma = innerLuma(picture, x0, x1, y0, y1);
                if (Math.abs(luma - 128) < DECISION_MARGIN) {
                    return OptionalLong.empty();
                }
                bits = (bits << 1) | (luma > 128 ? 1 : 0);
            }
        }
        long number = bits >>> CHECK_BITS;
        if (codeword(number) != bits) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(number);
    }

    private static long codeword(long number) {
        return (number << CHECK_BITS) | (crc8(number) ^ CHECK_MASK);
    }

    private static boolean bit(long codeword, int index) {
        return ((codeword >>> (DATA_BITS + CHECK_BITS - 1 - index)) & 1) != 0;
    }

    /** CRC-8 (polynomial 0x07) of the number's four bytes, most significant first. */
    private static int crc8(long number) {
        int crc = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            crc ^= (int) (number >>> shift) & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    private static int rowStart(int row, int height) {
        int top = top(height);
        return top + (int) Math.round((double) (height - top) * row / ROWS);
    }

    private static int columnStart(int col, int width) {
        return (int) Math.round((double) width * col / COLUMNS);
    }

    /** The average luma (0..255) of the middle half of a cell, in both directions. */
    private static int innerLuma(Picture picture, int x0, int x1, int y0, int y1) {
        int insetX = (x1 - x0) / 4;
        int insetY = (y1 - y0) / 4;
        int left = x0 + insetX;
        int right = Math.max(left + 1, x1 - insetX);
        int upper = y0 + insetY;
        int lower = Math.max(upper + 1, y1 - insetY);
        long sum = 0;
        int[] rgb = picture.rgb();
        int width = picture.width();
        for (int y = upper; y < lower; y++) {
            for (int x = left; x < right; x++) {
                int p = rgb[y * width + x];
                sum += (299L * ((p >> 16) & 0xFF) + 587L * ((p >> 8) & 0xFF) + 114L * (p & 0xFF));
            }
        }
        return (int) (sum / (1000L * (right - left) * (lower - upper)));
    }
}
