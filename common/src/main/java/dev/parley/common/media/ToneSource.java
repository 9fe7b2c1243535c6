package dev.parley.common.media;

import dev.parley.common.media.AudioSource;

/** A sine tone, endless or for a given number of frames; not paced. The phase runs on across frames. */
public final class ToneSource implements AudioSource {
    private final double cyclesPerSample;
    private final double amplitude;
    private final long frames;
    private long produced;
    private double phase;

    /** An endless tone; {@code amplitude} 0..1 of full scale. */
    public ToneSource(double frequencyHz, double amplitude) {
        this(frequencyHz, amplitude, Long.MAX_VALUE);
    }

    /** A tone of {@code frames} 20 ms frames. */
    public ToneSource(double frequencyHz, double amplitude, long frames) {
        if (!(frequencyHz > 0 && frequencyHz < Pcm.SAMPLE_RATE / 2.0)) {
            throw new IllegalArgumentException("frequency must be in (0, 24000) Hz, got " + frequencyHz);
        }
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude must be in 0..1, got " + amplitude);
        }
        this.cyclesPerSample = frequencyHz / Pcm.SAMPLE_RATE;
        this.amplitude = amplitude * 32767;
        this.frames = frames;
    }

    @Override
    public boolean read(short[] frame) {
        Pcm.requireFrame(frame);
        if (produced >= frames) {
            return false;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * phase));
            phase += cyclesPerSample;
            if (phase >= 1) {
                phase -= 1; // wrapped, so precision does not decay over a long call
            }
        }
        produced++;
        return true;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
    }
}
