package dev.parley.client.audio;

import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.Fft;

import java.util.Arrays;
import java.util.Locale;

/** Finds a reference signal inside a recording and says how alike they are there. */
final class Signals {

    /**
     * Where the reference sits in the recording, and how well they match there.
     *
     * @param lag         the recording index of the reference's first sample (negative: it began before the recording)
     * @param correlation Pearson correlation of the overlapping samples at that lag, 1.0 for bit-exact
     */
    record Alignment(int lag, double correlation) {
    }

    /**
     * A recording compared piece by piece with its reference, for a device that may drop out
     * briefly under load: each piece of the reference is aligned on its own, near the one before.
     *
     * @param whole         the alignment of the whole reference at one lag
     * @param correlation   the pieces' correlations, weighted by their loudness
     * @param gaps          how often a piece sits more than 1 ms away from the one before
     * @param insertedMillis how much later pieces came than the ones before them: silence played in dropouts
     * @param missingMillis  how much earlier: audio lost
     */
    record Comparison(Alignment whole, double correlation, int gaps, double insertedMillis, double missingMillis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "correlation %.6f in pieces (%d gaps: %.1f ms inserted, %.1f ms missing), %.6f at one lag of %.1f ms",
                    correlation, gaps, insertedMillis, missingMillis, whole.correlation(), whole.lag() * 1000.0 / SAMPLE_RATE);
        }
    }

    private static final int SAMPLE_RATE = 48_000;
    private static final int PIECE = SAMPLE_RATE / 2;
    private static final int MAX_SHIFT = SAMPLE_RATE * 3 / 10;
    private static final int FIRST_SHIFT = SAMPLE_RATE * 2;
    private static final int SAME = SAMPLE_RATE / 1000;

    private Signals() {
    }

    /** Compares in pieces of 0.5 s, each found within 0.3 s of where the piece before it was. */
    static Comparison compare(short[] reference, short[] recording) {
        Alignment whole = align(reference, recording);
        Integer lag = null;
        int gaps = 0;
        long inserted = 0;
        long missing = 0;
        double weighted = 0;
        double weights = 0;
        for (int from = 0; from + PIECE <= reference.length; from += PIECE) {
            short[] piece = Arrays.copyOfRange(reference, from, from + PIECE);
            double energy = 0;
            for (short sample : piece) {
                energy += (double) sample * sample;
            }
            if (energy < 100.0 * PIECE) {
                continue; // too quiet to place
            }
            // the first piece is looked for within 2 s of the whole's lag, the others near the piece before
            int near = lag == null ? whole.lag() : lag;
            int shift = lag == null ? FIRST_SHIFT : MAX_SHIFT;
            int windowFrom = Math.max(0, from + near - shift);
            int windowTo = Math.min(recording.length, from + near + PIECE + shift);
            if (windowTo - windowFrom < PIECE) {
                break; // the recording ends here
            }
            short[] window = Arrays.copyOfRange(recording, windowFrom, windowTo);
            Alignment local = align(piece, window);
            int pieceLag = windowFrom + local.lag() - from;
            if (lag != null && Math.abs(pieceLag - lag) > SAME) {
                gaps++;
                if (pieceLag > lag) {
                    inserted += pieceLag - lag;
                } else {
                    missing += lag - pieceLag;
                }
            }
            lag = pieceLag;
            weighted += energy * local.correlation();
            weights += energy;
        }
        return new Comparison(whole, weights == 0 ? 0 : weighted / weights, gaps,
                inserted * 1000.0 / SAMPLE_RATE, missing * 1000.0 / SAMPLE_RATE);
    }

    /** Aligns by the peak of the cross-correlation, computed with an FFT. */
    static Alignment align(short[] reference, short[] recording) {
        int n = Integer.highestOneBit(reference.length + recording.length - 1) << 1;
        double[] recRe = new double[n];
        double[] recIm = new double[n];
        double[] refRe = new double[n];
        double[] refIm = new double[n];
        for (int i = 0; i < recording.length; i++) {
            recRe[i] = recording[i];
        }
        for (int i = 0; i < reference.length; i++) {
            refRe[i] = reference[i];
        }
        fft(recRe, recIm, false);
        fft(refRe, refIm, false);
        // recording x conj(reference): entry k of the inverse is sum_i recording[i + k] * reference[i]
        for (int k = 0; k < n; k++) {
            double re = recRe[k] * refRe[k] + recIm[k] * refIm[k];
            double im = recIm[k] * refRe[k] - recRe[k] * refIm[k];
            recRe[k] = re;
            recIm[k] = im;
        }
        fft(recRe, recIm, true);
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (recRe[k] > recRe[best]) {
                best = k;
            }
        }
        int lag = best < recording.length ? best : best - n;
        return new Alignment(lag, correlationAt(reference, recording, lag));
    }

    /** Pearson correlation of {@code reference} with {@code recording} shifted by {@code lag}, over their overlap. */
    static double correlationAt(short[] reference, short[] recording, int lag) {
        int from = Math.max(0, -lag);
        int to = Math.min(reference.length, recording.length - lag);
        return AudioCompare.pearson(reference, from, recording, from + lag, to - from);
    }

    /** The shared FFT of the common test-jar; only the peak of the cross-correlation is used, so scale does not matter. */
    private static void fft(double[] re, double[] im, boolean inverse) {
        Fft.transform(re, im, inverse);
    }
}
