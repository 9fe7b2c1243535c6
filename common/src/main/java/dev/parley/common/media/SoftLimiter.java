package dev.parley.common.media;

/**
 * Brings a float signal (1.0 = full scale) into 16-bit range without hard clipping. Per frame it
 * computes the gain that puts the frame's peak at the ceiling (-1 dBFS), reaching it quickly (within
 * about 1 ms, before the first sample that would exceed) and releasing slowly (about 150 ms), ramping
 * sample by sample so the gain never steps. A soft knee above the ceiling catches what slips through
 * during a ramp: it bends smoothly towards 99.5 % of full scale and never reaches it.
 */
final class SoftLimiter {
    static final float CEILING = 0.891f; // -1 dBFS
    static final float LIMIT = 0.995f;
    private static final int ATTACK_SAMPLES = 48;
    private static final float RELEASE_PER_FRAME = 0.125f; // 1 - exp(-20 ms / 150 ms)

    private float gain = 1f;

    /** Limits {@code in} (length {@value Pcm#FRAME_SAMPLES}) into {@code out}. */
    void process(float[] in, short[] out) {
        int n = Pcm.FRAME_SAMPLES;
        float peak = 0;
        int firstOver = n;
        for (int i = 0; i < n; i++) {
            float a = Math.abs(in[i]);
            if (a > peak) {
                peak = a;
            }
            if (firstOver == n && a * gain > CEILING) {
                firstOver = i;
            }
        }
        float wanted = peak > CEILING ? CEILING / peak : 1f;
        float end;
        int ramp;
        if (wanted < gain) {
            end = wanted;
            ramp = Math.min(ATTACK_SAMPLES, firstOver);
        } else {
            end = Math.min(wanted, gain + (1f - gain) * RELEASE_PER_FRAME);
            ramp = n;
        }
        float start = gain;
        for (int i = 0; i < n; i++) {
            float g = i < ramp ? start + (end - start) * (i + 1) / ramp : end;
            out[i] = toShort(softKnee(in[i] * g));
        }
        gain = end;
    }

    /** The gain applied at the end of the last frame (1.0 = none). */
    float gain() {
        return gain;
    }

    static float softKnee(float x) {
        float a = Math.abs(x);
        if (a <= CEILING) {
            return x;
        }
        float headroom = LIMIT - CEILING;
        float bent = CEILING + headroom * (float) Math.tanh((a - CEILING) / headroom);
        return Math.copySign(bent, x);
    }

    private static short toShort(float x) {
        int v = Math.round(x * 32768f);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
