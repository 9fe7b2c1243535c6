package dev.parley.bench.call;

import dev.parley.common.media.AudioSource;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The "mouth": silence with a 1 kHz tone burst (40 ms, half of full scale) every 250 to 270 ms (start to start),
 * its start at a random sample offset within the frame. Paced like a microphone: frame {@code f}
 * is handed over no earlier than {@code start + f * 20 ms}; the moment {@link #read} returns it is
 * stamped (System.nanoTime), and each burst onset (found by {@link BurstDetector} on the emitted
 * samples) is recorded as that stamp plus its sample offset in the frame.
 */
final class BurstSource implements AudioSource {
    static final double FREQUENCY = 1_000;
    static final int AMPLITUDE = 16_384;
    static final int BURST_SAMPLES = 1_920;
    static final int SPACING_SAMPLES = 12_000;

    /** One burst onset as handed to the engine. */
    record Onset(long sample, long frameStamp, int offsetInFrame, long frameDue) {
        /** Handover time of the onset sample: the frame's stamp plus the sample's offset. */
        long handoverNanos() {
            return frameStamp + offsetInFrame * 1_000_000_000L / SAMPLE_RATE;
        }

        /**
         * When a microphone would have captured the onset sample: the frame is complete at its due
         * time on the source's own clock, so its samples span the 20 ms before. Unlike the handover
         * time this does not move when the engine's send thread is late to read.
         */
        long capturedNanos() {
            return frameDue - 20_000_000L + offsetInFrame * 1_000_000_000L / SAMPLE_RATE;
        }
    }

    private final boolean paced;
    private final Random random;
    private final BurstDetector detector = new BurstDetector();
    private final List<Onset> onsets = new CopyOnWriteArrayList<>();
    private long start = -1;
    private long frameIndex;
    private long burstStart;
    private volatile boolean closed;

    BurstSource(boolean paced, long seed) {
        this.paced = paced;
        this.random = new Random(seed);
        this.burstStart = SAMPLE_RATE + random.nextInt(FRAME_SAMPLES);
    }

    @Override
    public boolean read(short[] frame) {
        if (closed) {
            return false;
        }
        if (start < 0) {
            start = System.nanoTime();
        }
        long due = start + frameIndex * 20_000_000L;
        if (paced) {
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
        fill(frame);
        long stamp = System.nanoTime();
        int k = detector.scan(frame);
        if (k >= 0) {
            onsets.add(new Onset(frameIndex * FRAME_SAMPLES + k, stamp, k, paced ? due : stamp));
        }
        frameIndex++;
        return true;
    }

    /** Synthesises frame {@code frameIndex}: zeros, and the burst where one is due. */
    void fill(short[] frame) {
        long first = frameIndex * FRAME_SAMPLES;
        for (int i = 0; i < frame.length; i++) {
            long n = first + i;
            if (n >= burstStart + BURST_SAMPLES) {
                burstStart += SPACING_SAMPLES + random.nextInt(FRAME_SAMPLES);
            }
            long t = n - burstStart;
            frame[i] = t >= 0 && t < BURST_SAMPLES
                    ? (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * t / SAMPLE_RATE)) : 0;
        }
    }

    /** Advances without pacing or stamping (offline codec calibration). */
    void next(short[] frame) {
        fill(frame);
        frameIndex++;
    }

    List<Onset> onsets() {
        return onsets;
    }

    @Override
    public boolean paced() {
        return paced;
    }

    @Override
    public void close() {
        closed = true;
    }
}
