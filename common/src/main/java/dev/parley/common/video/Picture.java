package dev.parley.common.video;

/**
 * An uncompressed picture: {@code width x height} pixels, row-major, each packed as
 * {@code 0xRRGGBB} (the top byte is ignored). The array is owned by the picture once made: whoever
 * builds one hands the array over and nobody writes it afterwards, so a picture may be shared
 * between threads (encoder, self view, recorder) without copying.
 *
 * @param width  1..4096
 * @param height 1..4096
 * @param rgb    {@code width * height} pixels
 */
public record Picture(int width, int height, int[] rgb) {
    public static final int MAX_SIDE = 4096;

    public Picture {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a picture is 1..4096 pixels on each side, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture needs " + width * height + " pixels");
        }
    }

    /** The pixel at column {@code x}, row {@code y}, as {@code 0xRRGGBB}. */
    public int pixel(int x, int y) {
        return rgb[y * width + x] & 0xFFFFFF;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "Picture[" + width + "x" + height + "]";
    }
}
