package dev.parley.common.video;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Conversions between {@link Picture}s and {@link BufferedImage}s, and picture quality.
 * {@code java.awt.image} is used here for the JDK's JPEG codec only; nothing in it needs a display.
 */
public final class Pictures {
    private static final int[] RGB_MASKS = {0xFF0000, 0xFF00, 0xFF};
    private static final DirectColorModel RGB = new DirectColorModel(24, RGB_MASKS[0], RGB_MASKS[1], RGB_MASKS[2]);

    private Pictures() {
    }

    /**
     * A {@link BufferedImage#TYPE_INT_RGB} image that <em>shares</em> the picture's pixel array: made
     * in constant time, no copy. It is for reading (encoding, drawing it elsewhere); a picture's
     * pixels must never change, so never draw into it.
     */
    public static BufferedImage toImage(Picture picture) {
        DataBufferInt buffer = new DataBufferInt(picture.rgb(), picture.rgb().length);
        WritableRaster raster = Raster.createPackedRaster(buffer, picture.width(), picture.height(),
                picture.width(), RGB_MASKS, new Point(0, 0));
        return new BufferedImage(RGB, raster, false, null);
    }

    /**
     * A picture of the image's pixels, copied: an image stays writable, a picture never changes.
     * Fast for the types cameras, screens and the JPEG reader produce ({@code TYPE_INT_RGB},
     * {@code TYPE_INT_ARGB}, {@code TYPE_INT_BGR}, {@code TYPE_3BYTE_BGR}, and {@code TYPE_BYTE_GRAY}
     * whose grey levels are taken as they are, as a grey JPEG means them); any other type goes
     * through the slower {@link BufferedImage#getRGB}.
     */
    public static Picture fromImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] out = new int[width * height];
        switch (image.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> copyPackedInts(image, out, false);
            case BufferedImage.TYPE_INT_BGR -> copyPackedInts(image, out, true);
            case BufferedImage.TYPE_3BYTE_BGR -> copyBgrBytes(image, out);
            case BufferedImage.TYPE_BYTE_GRAY -> copyGreyBytes(image, out);
            default -> viaGetRgb(image, out);
        }
        return new Picture(width, height, out);
    }

    /**
     * A picture that takes over the pixel array of a {@code TYPE_INT_RGB} image without copying it,
     * when the image is a plain one (as {@code new BufferedImage(w, h, TYPE_INT_RGB)} makes, not a
     * sub-image); otherwise a copy as {@link #fromImage}. The caller hands the image over: it must
     * not write it afterwards.
     */
    public static Picture adopt(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getNumBanks() == 1 && ints.getOffset() == 0
                && ints.getData().length == image.getWidth() * image.getHeight()
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
                && image.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                && sm.getScanlineStride() == image.getWidth()) {
            return new Picture(image.getWidth(), image.getHeight(), ints.getData());
        }
        return fromImage(image);
    }

    /**
     * Peak signal-to-noise ratio of {@code b} against {@code a} over <b>luma</b> (BT.601
     * {@code Y = 0.299 R + 0.587 G + 0.114 B}, full range 0..255), in dB: the usual measure of a
     * video codec's quality, blind to the colour detail that 4:2:0 chroma subsampling drops by
     * design. {@link Double#POSITIVE_INFINITY} for identical lumas.
     *
     * @throws IllegalArgumentException when the pictures differ in size
     */
    public static double psnr(Picture a, Picture b) {
        requireSameSize(a, b);
        int[] pa = a.rgb();
        int[] pb = b.rgb();
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            // luma in 1/1024 steps: 306 R + 601 G + 117 B = 1024 * Y
            int d = luma1024(pa[i]) - luma1024(pb[i]);
            sum += (long) d * d;
        }
        double mse = sum / (1024.0 * 1024.0) / pa.length;
        return toDb(mse);
    }

    /**
     * Peak signal-to-noise ratio over the R, G and B samples together, in dB; it counts colour
     * errors that {@link #psnr} (luma) ignores. {@link Double#POSITIVE_INFINITY} for identical pictures.
     */
    public static double rgbPsnr(Picture a, Picture b) {
        requireSameSize(a, b);
        int[] pa = a.rgb();
        int[] pb = b.rgb();
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            int x = pa[i];
            int y = pb[i];
            int dr = ((x >> 16) & 0xFF) - ((y >> 16) & 0xFF);
            int dg = ((x >> 8) & 0xFF) - ((y >> 8) & 0xFF);
            int db = (x & 0xFF) - (y & 0xFF);
            sum += (long) dr * dr + dg * dg + db * db;
        }
        return toDb((double) sum / (3.0 * pa.length));
    }

    private static int luma1024(int rgb) {
        return 306 * ((rgb >> 16) & 0xFF) + 601 * ((rgb >> 8) & 0xFF) + 117 * (rgb & 0xFF);
    }

    private static double toDb(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static void requireSameSize(Picture a, Picture b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("cannot compare a " + a + " with a " + b);
        }
    }

    private static void copyPackedInts(BufferedImage image, int[] out, boolean bgr) {
        int width = image.getWidth();
        int height = image.getHeight();
        WritableRaster raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferInt ints) || ints.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm)) {
            viaGetRgb(image, out);
            return;
        }
        int[] data = ints.getData();
        int stride = sm.getScanlineStride();
        int origin = ints.getOffset() - raster.getSampleModelTranslateY() * stride - raster.getSampleModelTranslateX();
        for (int y = 0; y < height; y++) {
            int from = origin + y * stride;
            int to = y * width;
            if (bgr) {
                for (int x = 0; x < width; x++) {
                    int p = data[from + x];
                    out[to + x] = ((p & 0xFF) << 16) | (p & 0xFF00) | ((p >> 16) & 0xFF);
                }
            } else {
                for (int x = 0; x < width; x++) {
                    out[to + x] = data[from + x] & 0xFFFFFF;
                }
            }
        }
    }

    private static void copyBgrBytes(BufferedImage image, int[] out) {
        int width = image.getWidth();
        int height = image.getHeight();
        WritableRaster raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferByte bytes) || bytes.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm) || sm.getPixelStride() != 3) {
            viaGetRgb(image, out);
            return;
        }
        int[] offsets = sm.getBandOffsets();
        if (offsets.length != 3 || offsets[0] != 2 || offsets[1] != 1 || offsets[2] != 0) {
            viaGetRgb(image, out);
            return;
        }
        byte[] data = bytes.getData();
        int stride = sm.getScanlineStride();
        int origin = bytes.getOffset() - raster.getSampleModelTranslateY() * stride - raster.getSampleModelTranslateX() * 3;
        for (int y = 0; y < height; y++) {
            int from = origin + y * stride;
            int to = y * width;
            for (int x = 0; x < width; x++, from += 3) {
                out[to + x] = ((data[from + 2] & 0xFF) << 16) | ((data[from + 1] & 0xFF) << 8) | (data[from] & 0xFF);
            }
        }
    }

    private static void viaGetRgb(BufferedImage image, int[] out) {
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), out, 0, image.getWidth());
        for (int i = 0; i < out.length; i++) {
            out[i] &= 0xFFFFFF;
        }
    }

    private static void copyGreyBytes(BufferedImage image, int[] out) {
        int width = image.getWidth();
        int height = image.getHeight();
        WritableRaster raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferByte bytes) || bytes.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm) || sm.getPixelStride() != 1) {
            viaGetRgb(image, out);
            return;
        }
        byte[] data = bytes.getData();
        int stride = sm.getScanlineStride();
        int origin = bytes.getOffset() + sm.getBandOffsets()[0] - raster.getSampleModelTranslateY() * stride
                - raster.getSampleModelTranslateX();
        for (int y = 0; y < height; y++) {
            int from = origin + y * stride;
            int to = y * width;
            for (int x = 0; x < width; x++) {
                out[to + x] = (data[from + x] & 0xFF) * 0x010101;
            }
        }
    }
}
