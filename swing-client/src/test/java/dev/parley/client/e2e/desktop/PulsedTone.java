package dev.parley.client.e2e.desktop;

import dev.parley.common.media.AudioSource;

/**
 * A sine tone whose loudness swells and fades twice a second, like syllables; endless, not paced.
 *
 * <p>Not a steady tone: Opus's voice activity detection takes a steady tone for background noise
 * after about a second and the engine's DTX then sends one frame in 20 (a test of
 * {@code OpusAudioEncoder} with default settings: 381 of 400 frames DTX). Swelling at 2 Hz, no frame
 * is DTX. Over any whole second the carrier at {@code frequencyHz} has half the peak amplitude,
 * which is what {@link Recordings#toneAmplitude} reads.
 */
public final class PulsedTone implements AudioSource {
    private static final double SWELLS_PER_SECOND = 2;
    private final double frequencyHz;
    private final double peak;
    private long sample;

    /** @param peak 0..1 of full scale, at the top of each swell */
    public PulsedTone(double frequencyHz, double peak) {
        this.frequencyHz = frequencyHz;
        this.peak = peak * 32767;
    }

    @Override
    public boolean read(short[] frame) {
        for (int i = 0; i < frame.length; i++, sample++) {
            double t = (double) sample / SAMPLE_RATE;
            double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * SWELLS_PER_SECOND * t);
            frame[i] = (short) Math.round(peak * envelope * Math.sin(2 * Math.PI * frequencyHz * t));
        }
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
