package dev.parley.client.audio;

import dev.parley.common.media.AudioSource;

/**
 * How far a capture reader has fallen behind the device, judged by the clock: a device delivers
 * one sample per 1/48000 s, so samples due by now but not yet read are waiting somewhere.
 *
 * <p>Needed because the waiting can happen where Java Sound cannot see it: ALSA's PulseAudio
 * plugin keeps whatever the reader has not taken in the server (up to megabytes), whatever the
 * line's buffer size. A reader that cannot catch up after a stall, like a call loop held back by a
 * full speaker queue, would keep that delay for the rest of the call; measured: 200-490 ms.
 *
 * <p>The clock and the device drift apart (by up to about 100 ppm on real hardware), and the
 * device delivers in bursts, so the lag is measured against the smallest lag seen lately: the
 * baseline may rise by {@value #BASELINE_RISE} sample per read of a frame (about 1000 ppm), faster
 * than any drift.
 */
final class CaptureBacklog {
    private static final long BASELINE_RISE = 1;

    private final long startNanos;
    private long samplesTaken;
    private long baseline = Long.MAX_VALUE;

    CaptureBacklog(long startNanos) {
        this.startNanos = startNanos;
    }

    /**
     * Records that the reader took {@code samples} more from the device (kept or dropped) at
     * {@code nowNanos}, once per read.
     *
     * @return samples the device has delivered that the reader has not taken yet
     */
    long take(int samples, long nowNanos) {
        samplesTaken += samples;
        long due = (nowNanos - startNanos) * AudioSource.SAMPLE_RATE / 1_000_000_000L;
        long lag = due - samplesTaken;
        baseline = baseline == Long.MAX_VALUE ? lag : Math.min(baseline + BASELINE_RISE, lag);
        return lag - baseline;
    }
}
