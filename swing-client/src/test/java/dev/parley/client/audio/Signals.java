package dev.parley.client.audio;

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

    private Signals() {
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
        int count = to - from;
        if (count <= 1) {
            return 0;
        }
        double sumA = 0;
        double sumB = 0;
        for (int i = from; i < to; i++) {
            sumA += reference[i];
            sumB += recording[i + lag];
        }
        double meanA = sumA / count;
        double meanB = sumB / count;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = from; i < to; i++) {
            double a = reference[i] - meanA;
            double b = recording[i + lag] - meanB;
            cov += a * b;
            varA += a * a;
            varB += b * b;
        }
        return varA == 0 || varB == 0 ? 0 : cov / Math.sqrt(varA * varB);
    }

    /** In-place iterative radix-2 FFT; {@code inverse} also divides by n. */
    private static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int start = 0; start < n; start += len) {
                double curRe = 1;
                double curIm = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = start + k;
                    int b = a + len / 2;
                    double bRe = re[b] * curRe - im[b] * curIm;
                    double bIm = re[b] * curIm + im[b] * curRe;
                    re[b] = re[a] - bRe;
                    im[b] = im[a] - bIm;
                    re[a] += bRe;
                    im[a] += bIm;
                    double nextRe = curRe * wRe - curIm * wIm;
                    curIm = curRe * wIm + curIm * wRe;
                    curRe = nextRe;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
