package dev.parley.common.media;

import java.util.Arrays;

/**
 * Streaming sample-rate converter for mono float audio: windowed-sinc interpolation (Kaiser window,
 * beta 8, 32 taps at the lower of the two rates, pass band to 95 % of the lower Nyquist frequency),
 * with one precomputed filter per fractional phase. Much cleaner than linear interpolation, which
 * mirrors images into the audible band when upsampling and aliases when downsampling.
 *
 * <p>Output is aligned with input (no added delay). Because each output sample needs 16 input samples
 * of look-ahead (more when downsampling), the last ones come out only at {@link #flush}.
 */
public final class SincResampler {
    private static final int HALF_TAPS = 16;
    private static final double PASS_BAND = 0.95;
    private static final double KAISER_BETA = 8.0;
    private static final int MAX_PHASES = 4096;

    private final int inRate;
    private final int outRate;
    private final int half;
    private final int phases;
    private final boolean exactPhases;
    private final int phaseStep;
    private final float[][] kernels;

    private float[] buf;
    private int bufLen;
    private long bufStart;
    private long pos;
    private int frac;
    private boolean flushed;

    public SincResampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        inRate = inputRate;
        outRate = outputRate;
        double ratio = Math.min(1.0, (double) outputRate / inputRate);
        half = (int) Math.ceil(HALF_TAPS / ratio);
        int g = gcd(inputRate, outputRate);
        exactPhases = outputRate / g <= MAX_PHASES;
        phases = exactPhases ? outputRate / g : MAX_PHASES;
        phaseStep = g;
        double cutoff = PASS_BAND * ratio;
        kernels = new float[phases][2 * half];
        for (int p = 0; p < phases; p++) {
            double phi = (double) p / phases;
            double sum = 0;
            for (int j = 0; j < 2 * half; j++) {
                double x = phi + half - 1 - j;
                double h = cutoff * sinc(cutoff * x) * kaiser(x / half);
                kernels[p][j] = (float) h;
                sum += h;
            }
            for (int j = 0; j < 2 * half; j++) {
                kernels[p][j] /= (float) sum; // unity gain at DC for every phase
            }
        }
        buf = new float[4 * half + 4096];
        bufLen = half; // zeros before the first input sample
        bufStart = -half;
    }

    /** An upper bound of the output samples {@code process} returns for {@code inputLength} inputs. */
    public int maxOutput(int inputLength) {
        return (int) ((long) (inputLength + 2 * half + 2) * outRate / inRate) + 2;
    }

    /**
     * Takes {@code len} input samples and writes the output samples they complete to {@code out}.
     *
     * @return the number of output samples written
     */
    public int process(float[] in, int off, int len, float[] out, int outOff) {
        if (flushed) {
            throw new IllegalStateException("resampler already flushed");
        }
        append(in, off, len);
        return drain(out, outOff);
    }

    /** Ends the stream: writes the remaining output samples (up to the last input sample's time). */
    public int flush(float[] out, int outOff) {
        if (flushed) {
            return 0;
        }
        float[] zeros = new float[half];
        append(zeros, 0, zeros.length);
        flushed = true;
        return drain(out, outOff);
    }

    private void append(float[] in, int off, int len) {
        if (bufLen + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + len));
        }
        System.arraycopy(in, off, buf, bufLen, len);
        bufLen += len;
    }

    private int drain(float[] out, int outOff) {
        int n = 0;
        // output at pos + frac/outRate needs input pos-half+1 .. pos+half
        while (pos + half < bufStart + bufLen) {
            int phase = exactPhases ? frac / phaseStep : (int) ((long) frac * phases / outRate);
            float[] k = kernels[phase];
            int base = (int) (pos - half + 1 - bufStart);
            float acc = 0;
            for (int j = 0; j < k.length; j++) {
                acc += buf[base + j] * k[j];
            }
            out[outOff + n++] = acc;
            frac += inRate;
            pos += frac / outRate;
            frac %= outRate;
        }
        int keepFrom = (int) (pos - half + 1 - bufStart);
        if (keepFrom > 0) {
            int keep = Math.max(0, bufLen - keepFrom);
            System.arraycopy(buf, Math.min(keepFrom, bufLen), buf, 0, keep);
            bufStart += keepFrom;
            bufLen = keep;
        }
        return n;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-9) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static double kaiser(double t) {
        if (Math.abs(t) >= 1) {
            return 0;
        }
        return besselI0(KAISER_BETA * Math.sqrt(1 - t * t)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
