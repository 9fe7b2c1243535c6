package dev.parley.common.media;

/**
 * Changes how long speech lasts without changing its pitch, the way NetEQ's accelerate and preemptive
 * expand do (WSOLA): it removes or repeats one pitch period at the point where the signal matches
 * itself best, joined by a linear crossfade as long as the period.
 *
 * <p>It works in place on a buffer of 48 kHz samples laid out as {@code [historyStart, from)}, already
 * played (read only: the search compares against it), and {@code [from, to)}, still to be played. The
 * splice starts at {@code from}, so playout goes on from its last sample without a jump, and the last
 * sample before {@code to} stays the last, so the next decoded frame follows on seamlessly too.
 *
 * <p>The period is searched over {@value #MIN_PERIOD}..{@value #MAX_PERIOD} samples (2.5..20 ms): first
 * on a 4 kHz copy (mean of every 12 samples), then refined at 48 kHz around the best coarse lag, by
 * normalized cross-correlation over at least 10 ms. A splice is made only where the 4 kHz correlation
 * reaches {@value #MATCH} (voiced speech) or the signal is near silent (where nothing can be heard);
 * otherwise (a consonant, a transient) nothing changes and the caller tries again later.
 *
 * <p>Allocation-free after construction. Not thread-safe.
 */
public final class TimeStretcher {
    /** Shortest period searched: 2.5 ms, a 400 Hz voice. */
    public static final int MIN_PERIOD = 120;
    /** Longest period searched: 20 ms. */
    public static final int MAX_PERIOD = 960;
    /** Played samples the search needs before the splice point. */
    public static final int HISTORY = 960;
    /** Lowest 4 kHz correlation at which speech is spliced. */
    static final double MATCH = 0.8;
    private static final int DECIMATION = 12;
    /** Correlation windows span at least this much (10 ms), so a short lag is judged over a whole voice period. */
    private static final int MIN_WINDOW = 480;
    /** Below -50 dBFS (mean square, 16-bit) the signal is too quiet for a splice to be heard. */
    private static final double QUIET_POWER = Math.pow(32768 * Math.pow(10, -50 / 20.0), 2);
    private static final int REFINE = DECIMATION - 1;

    private final float[] low = new float[(HISTORY + 6 * Pcm.FRAME_SAMPLES) / DECIMATION + 1];

    /**
     * Shortens the unplayed audio by one period: {@code x[from, from + T)} fades out into
     * {@code x[from + T, from + 2T)}, and the rest moves up by T.
     *
     * @param maxRemove the most it may remove; periods longer than this are not considered
     * @return samples removed (the unplayed audio now ends at {@code to} minus that), 0 when there is no good splice
     */
    public int compress(short[] x, int historyStart, int from, int to, int maxRemove) {
        int maxT = Math.min(Math.min(MAX_PERIOD, maxRemove), (to - from) / 2);
        int t = search(x, historyStart, from, to, maxT, 1);
        if (t == 0) {
            return 0;
        }
        for (int i = 0; i < t; i++) {
            x[from + i] = mix(x[from + i], x[from + t + i], i, t);
        }
        System.arraycopy(x, from + 2 * t, x, from + t, to - from - 2 * t);
        return t;
    }

    /**
     * Lengthens the unplayed audio by one period: {@code x[from, from + T)} fades out into the period
     * played just before it, {@code x[from - T, from)}, and then plays again.
     *
     * @param capacity  the buffer may grow up to this index
     * @param maxInsert the most it may insert
     * @return samples inserted (the unplayed audio now ends at {@code to} plus that), 0 when there is no good splice
     */
    public int expand(short[] x, int historyStart, int from, int to, int capacity, int maxInsert) {
        int maxT = Math.min(Math.min(MAX_PERIOD, maxInsert), Math.min(to - from, capacity - to));
        int t = search(x, historyStart, from, to, maxT, 0);
        if (t == 0) {
            return 0;
        }
        System.arraycopy(x, from, x, from + t, to - from);
        for (int i = 0; i < t; i++) {
            x[from + i] = mix(x[from + t + i], x[from - t + i], i, t);
        }
        return t;
    }

    /**
     * The best period for a splice at {@code from}, 0 if none fits or matches well enough. For a lag T it
     * compares the two windows that the crossfade joins, extended back to {@link #MIN_WINDOW}: the one
     * ending at {@code from + k*T} and the one a period later ({@code k} is 1 when compressing, 0 when
     * expanding).
     */
    private int search(short[] x, int historyStart, int from, int to, int maxT, int k) {
        if (maxT < MIN_PERIOD) {
            return 0;
        }
        int origin = Math.max(historyStart, from - HISTORY);
        int lows = Math.min(low.length, (to - origin) / DECIMATION);
        for (int j = 0; j < lows; j++) {
            int s = 0;
            int base = origin + j * DECIMATION;
            for (int i = 0; i < DECIMATION; i++) {
                s += x[base + i];
            }
            low[j] = s;
        }
        int from4 = (from - origin) / DECIMATION;
        int bestCoarse = 0;
        double bestCoarseMatch = -2;
        for (int t4 = (MIN_PERIOD + DECIMATION - 1) / DECIMATION; t4 * DECIMATION <= maxT; t4++) {
            int w4 = Math.max(t4, MIN_WINDOW / DECIMATION);
            int aEnd = from4 + k * t4;
            if (aEnd - w4 < 0 || aEnd + t4 > lows) {
                continue;
            }
            double m = lowMatch(aEnd - w4, t4, w4);
            if (m > bestCoarseMatch) {
                bestCoarseMatch = m;
                bestCoarse = t4;
            }
        }
        if (bestCoarse == 0) {
            return 0;
        }
        int best = 0;
        double bestMatch = -2;
        double power = 0;
        int lo = Math.max(MIN_PERIOD, bestCoarse * DECIMATION - REFINE);
        int hi = Math.min(maxT, bestCoarse * DECIMATION + REFINE);
        for (int t = lo; t <= hi; t++) {
            int w = Math.max(t, MIN_WINDOW);
            int aEnd = from + k * t;
            if (aEnd - w < historyStart || aEnd + t > to) {
                continue;
            }
            long sxy = 0;
            long sxx = 0;
            long syy = 0;
            int a = aEnd - w;
            for (int i = 0; i < w; i++) {
                int u = x[a + i];
                int v = x[a + t + i];
                sxy += (long) u * v;
                sxx += (long) u * u;
                syy += (long) v * v;
            }
            double m = sxx == 0 || syy == 0 ? (sxx == syy ? 1 : 0) : sxy / Math.sqrt((double) sxx * syy);
            if (m > bestMatch) {
                bestMatch = m;
                best = t;
                power = (double) Math.max(sxx, syy) / w;
            }
        }
        if (best == 0 || (bestCoarseMatch < MATCH && power >= QUIET_POWER)) {
            return 0;
        }
        return best;
    }

    private double lowMatch(int a, int t4, int w4) {
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < w4; i++) {
            double u = low[a + i];
            double v = low[a + t4 + i];
            sxy += u * v;
            sxx += u * u;
            syy += v * v;
        }
        if (sxx == 0 || syy == 0) {
            return sxx == syy ? 1 : 0;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** {@code out} fading into {@code in}: weight {@code i / n} on {@code in}, rounded. */
    private static short mix(int out, int in, int i, int n) {
        return (short) Math.floorDiv(out * (n - i) + in * i + n / 2, n);
    }
}
