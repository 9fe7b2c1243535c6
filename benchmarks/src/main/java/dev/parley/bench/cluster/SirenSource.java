package dev.parley.bench.cluster;

import dev.parley.common.media.AudioSource;

/**
 * An endless, always loud, never stationary signal: a tone that sweeps 300 to 1200 Hz four times a
 * second with a 3 Hz swell (peak 0.15 to 0.25 of full scale). A steady sine will not do: Opus'
 * DTX takes it for background noise and the engine then sends one frame in twenty. Unpaced (the
 * engine paces it).
 */
final class SirenSource implements AudioSource {
    private static final double SWEEP_SECONDS = 0.25;
    private long sample;
    private double phase;

    @Override
    public boolean read(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            double t = (double) sample++ / SAMPLE_RATE;
            double sweep = (t % SWEEP_SECONDS) / SWEEP_SECONDS;
            double frequency = 300 + 900 * sweep;
            phase += frequency / SAMPLE_RATE;
            phase -= Math.floor(phase);
            double envelope = 0.2 + 0.05 * Math.sin(2 * Math.PI * 3 * t);
            frame[i] = (short) Math.round(32767 * envelope * Math.sin(2 * Math.PI * phase));
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
