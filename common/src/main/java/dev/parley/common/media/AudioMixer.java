package dev.parley.common.media;

import java.util.Arrays;

/**
 * Mixes the frames of several peers for one tick: each is scaled by its peer's volume and summed,
 * then a soft limiter (smooth gain reduction, no hard clipping) brings the sum into 16-bit range.
 * Usage per tick: {@link #add} for each peer with sound, then {@link #mixInto}. Allocation-free;
 * one instance per call, used from the media thread.
 */
public final class AudioMixer {
    public static final double MAX_VOLUME = 2.0;

    private final float[] sum = new float[Pcm.FRAME_SAMPLES];
    private final SoftLimiter limiter = new SoftLimiter();
    private int inputs;

    /**
     * Adds one peer's frame to this tick's mix.
     *
     * @param volume 0..{@value #MAX_VOLUME}; 1 leaves the level unchanged
     */
    public void add(short[] frame, double volume) {
        Pcm.requireFrame(frame);
        if (!(volume >= 0 && volume <= MAX_VOLUME)) {
            throw new IllegalArgumentException("volume must be in 0..2, got " + volume);
        }
        float scale = (float) (volume / 32768.0);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += frame[i] * scale;
        }
        inputs++;
    }

    /** Writes the limited mix of this tick into {@code out} and starts the next tick. */
    public void mixInto(short[] out) {
        Pcm.requireFrame(out);
        limiter.process(sum, out);
        Arrays.fill(sum, 0f);
        inputs = 0;
    }

    /** Frames added since the last {@link #mixInto}. */
    public int inputs() {
        return inputs;
    }

    /** The limiter's current gain: 1.0 when the mix fits, lower while it is pulling a loud mix down. */
    public double limiterGain() {
        return limiter.gain();
    }
}
