package dev.parley.common.media;

/**
 * Tuning of a {@link JitterBuffer}.
 *
 * @param minDelayMillis       lowest target delay; at least one frame ({@value Pcm#FRAME_MILLIS} ms)
 * @param maxDelayMillis       highest target delay
 * @param windowMillis         how far back arrival delays count towards the target
 * @param percentile           which share of recent packets the target aims to have in time (0.5..1)
 * @param maxConcealFrames     concealment frames in a row before a missing stream is taken for silence
 * @param shrinkIntervalFrames at most one silent frame is dropped (to shrink the delay) per this many ticks
 * @param capacityFrames       slots the buffer holds ahead of playout; a packet further ahead restarts the stream
 * @param maxPayloadBytes      largest accepted packet
 * @param timeStretching       whether speech is sped up to shed extra delay and slowed down to grow the
 *                             buffer or wait for a late packet ({@link TimeStretcher}), and a stalled
 *                             stream's packets waited for up to two frames above target; without it the buffer
 *                             grows only at gaps and shrinks only in silence
 */
public record JitterBufferConfig(int minDelayMillis, int maxDelayMillis, int windowMillis, double percentile,
                                 int maxConcealFrames, int shrinkIntervalFrames, int capacityFrames,
                                 int maxPayloadBytes, boolean timeStretching) {

    public JitterBufferConfig {
        if (minDelayMillis < Pcm.FRAME_MILLIS) {
            throw new IllegalArgumentException("minimum delay is at least one frame (20 ms), got " + minDelayMillis);
        }
        if (maxDelayMillis < minDelayMillis) {
            throw new IllegalArgumentException("maximum delay " + maxDelayMillis + " ms is below the minimum");
        }
        if (windowMillis < 100) {
            throw new IllegalArgumentException("window must be at least 100 ms, got " + windowMillis);
        }
        if (!(percentile >= 0.5 && percentile <= 1.0)) {
            throw new IllegalArgumentException("percentile must be in 0.5..1, got " + percentile);
        }
        if (maxConcealFrames < 0 || shrinkIntervalFrames < 1) {
            throw new IllegalArgumentException("maxConcealFrames >= 0 and shrinkIntervalFrames >= 1 required");
        }
        if (capacityFrames < maxDelayMillis / Pcm.FRAME_MILLIS + 4) {
            throw new IllegalArgumentException("capacity of " + capacityFrames
                    + " frames cannot hold the maximum delay of " + maxDelayMillis + " ms");
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive");
        }
    }

    /** The given tuning with time stretching on. */
    public JitterBufferConfig(int minDelayMillis, int maxDelayMillis, int windowMillis, double percentile,
                              int maxConcealFrames, int shrinkIntervalFrames, int capacityFrames, int maxPayloadBytes) {
        this(minDelayMillis, maxDelayMillis, windowMillis, percentile, maxConcealFrames, shrinkIntervalFrames,
                capacityFrames, maxPayloadBytes, true);
    }

    /**
     * 20..200 ms, a 3 s window at the 95th percentile, 5 concealed frames (100 ms) before silence,
     * shrink by at most one frame per 200 ms, 64 slots (1.28 s), packets up to 1,275 bytes (Opus maximum), time stretching on.
     */
    public static JitterBufferConfig defaults() {
        return new JitterBufferConfig(20, 200, 3000, 0.95, 5, 10, 64, 1275, true);
    }

    public JitterBufferConfig withMaxDelayMillis(int millis) {
        return new JitterBufferConfig(minDelayMillis, millis, windowMillis, percentile, maxConcealFrames,
                shrinkIntervalFrames, Math.max(capacityFrames, millis / Pcm.FRAME_MILLIS + 4), maxPayloadBytes,
                timeStretching);
    }

    public JitterBufferConfig withWindowMillis(int millis) {
        return new JitterBufferConfig(minDelayMillis, maxDelayMillis, millis, percentile, maxConcealFrames,
                shrinkIntervalFrames, capacityFrames, maxPayloadBytes, timeStretching);
    }

    public JitterBufferConfig withTimeStretching(boolean on) {
        return new JitterBufferConfig(minDelayMillis, maxDelayMillis, windowMillis, percentile, maxConcealFrames,
                shrinkIntervalFrames, capacityFrames, maxPayloadBytes, on);
    }
}
