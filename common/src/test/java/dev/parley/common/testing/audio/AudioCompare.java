package dev.parley.common.testing.audio;

/**
 * Compares a degraded recording with its reference the way the media tests assert quality: find the
 * delay by cross-correlation, then take the Pearson correlation of the aligned overlap. Waveform
 * correlation, not SNR: Opus keeps the sound, not the exact waveform (FACTS.md).
 */
public final class AudioCompare {
    private AudioCompare() {
    }

    /**
     * The result of aligning two signals.
     *
     * @param lag         samples by which {@code degraded} lags {@code reference}: degraded[i + lag] ~ reference[i]
     * @param correlation Pearson correlation of the overlapping samples after the shift, -1..1
     * @param overlap     how many samples were compared
     */
    public record Alignment(int lag, double correlation, int overlap) {
    }

    /**
     * Finds the lag in [-maxLag, maxLag] that maximises the cross-correlation (computed by FFT over the
     * whole signals), then correlates the aligned signals.
     */
    public static Alignment align(short[] reference, short[] degraded, int maxLag) {
        int lag = bestLag(reference, degraded, maxLag);
        int refStart = Math.max(0, -lag);
        int degStart = Math.max(0, lag);
        int n = Math.min(reference.length - refStart, degraded.length - degStart);
        return new Alignment(lag, pearson(reference, refStart, degraded, degStart, n), Math.max(0, n));
    }

    /** The lag in [-maxLag, maxLag] at which {@code degraded} best matches {@code reference}. */
    public static int bestLag(short[] reference, short[] degraded, int maxLag) {
        int n = Fft.nextPowerOfTwo(reference.length + degraded.length);
        double[] ar = new double[n];
        double[] ai = new double[n];
        double[] br = new double[n];
        double[] bi = new double[n];
        for (int i = 0; i < reference.length; i++) {
            ar[i] = reference[i];
        }
        for (int i = 0; i < degraded.length; i++) {
            br[i] = degraded[i];
        }
        Fft.transform(ar, ai, false);
        Fft.transform(br, bi, false);
        // cross-spectrum conj(A) * B: its inverse at k is sum_i ref[i] * deg[i + k]
        for (int k = 0; k < n; k++) {
            double re = ar[k] * br[k] + ai[k] * bi[k];
            double im = ar[k] * bi[k] - ai[k] * br[k];
            ar[k] = re;
            ai[k] = im;
        }
        Fft.transform(ar, ai, true);
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double v = ar[Math.floorMod(lag, n)];
            if (v > bestValue) {
                bestValue = v;
                best = lag;
            }
        }
        return best;
    }

    /** Pearson correlation of {@code a[aStart, aStart + n)} and {@code b[bStart, bStart + n)}; 0 when either is constant. */
    public static double pearson(short[] a, int aStart, short[] b, int bStart, int n) {
        if (n <= 1) {
            return 0;
        }
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            sa += a[aStart + i];
            sb += b[bStart + i];
        }
        double ma = sa / n;
        double mb = sb / n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aStart + i] - ma;
            double y = b[bStart + i] - mb;
            cov += x * y;
            va += x * x;
            vb += y * y;
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** The longest run of {@code true} in {@code flags}. */
    public static int longestRun(boolean[] flags) {
        int best = 0;
        int run = 0;
        for (boolean f : flags) {
            run = f ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    /** RMS of {@code pcm[start, start + n)} in dBFS, -96 for digital silence. */
    public static double rmsDbfs(short[] pcm, int start, int n) {
        double sum = 0;
        for (int i = start; i < start + n; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        double rms = Math.sqrt(sum / n) / 32768.0;
        return rms <= 0 ? -96 : Math.max(-96, 20 * Math.log10(rms));
    }

    /**
     * The result of a piecewise alignment.
     *
     * @param globalLag   the lag of the whole recording
     * @param correlation Pearson correlation over every aligned segment pair
     * @param segments    segments compared
     * @param maxDrift    the largest distance, in samples, of a segment's lag from the global lag
     */
    public record Piecewise(int globalLag, double correlation, int segments, int maxDrift) {
    }

    /**
     * Aligns a recording that went through an adaptive jitter buffer: after a global alignment, each
     * {@code segment} of the reference is aligned on its own within {@code localMaxLag} of the
     * previous segment's lag (the buffer grows and shrinks by whole frames, so the lag drifts in
     * steps), and one Pearson correlation is taken over all aligned pairs. Segments whose reference
     * is below -50 dBFS keep the previous lag.
     */
    public static Piecewise alignPiecewise(short[] reference, short[] degraded, int maxLag, int segment, int localMaxLag) {
        int global = bestLag(reference, degraded, maxLag);
        int lag = global;
        int maxDrift = 0;
        int segments = 0;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (int start = 0; start + segment <= reference.length; start += segment) {
            if (rmsDbfs(reference, start, segment) > -50) {
                int from = start + lag - localMaxLag;
                int to = start + lag + segment + localMaxLag;
                if (from >= 0 && to <= degraded.length) {
                    short[] ref = java.util.Arrays.copyOfRange(reference, start, start + segment);
                    short[] win = java.util.Arrays.copyOfRange(degraded, from, to);
                    int local = bestLag(ref, win, 2 * localMaxLag);
                    if (local >= 0 && local <= 2 * localMaxLag) {
                        lag = from + local - start;
                    }
                }
            }
            maxDrift = Math.max(maxDrift, Math.abs(lag - global));
            for (int i = 0; i < segment; i++) {
                int j = start + lag + i;
                double x = reference[start + i];
                double y = j >= 0 && j < degraded.length ? degraded[j] : 0;
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
                n++;
            }
            segments++;
        }
        double cov = sab - sa * sb / n;
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        double r = va <= 0 || vb <= 0 ? 0 : cov / Math.sqrt(va * vb);
        return new Piecewise(global, r, segments, maxDrift);
    }

    /**
     * The longest stretch, in milliseconds, where the reference has speech (above -40 dBFS over 10 ms)
     * but the aligned recording is near silent (below -55 dBFS): an audible gap.
     */
    public static int longestGapMillis(short[] reference, short[] degraded, int lag) {
        int block = 480;
        int run = 0;
        int best = 0;
        for (int start = 0; start + block <= reference.length; start += block) {
            int j = start + lag;
            boolean speech = rmsDbfs(reference, start, block) > -40;
            boolean silent = j < 0 || j + block > degraded.length || rmsDbfs(degraded, j, block) < -55;
            if (speech && silent) {
                run++;
                best = Math.max(best, run);
            } else if (speech) {
                run = 0;
            }
        }
        return best * 10;
    }
}
