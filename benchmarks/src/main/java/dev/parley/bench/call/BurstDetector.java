package dev.parley.bench.call;

/**
 * Finds the onsets of tone bursts in a stream of samples: the first sample whose magnitude reaches
 * {@link #THRESHOLD} after at least {@link #QUIET_SAMPLES} below {@link #QUIET}. The same detector
 * runs on what the source emits and on what the sink receives, so its own reaction time cancels.
 */
final class BurstDetector {
    /** 0.2 of full scale: 40 % of the burst's amplitude, well above Opus pre-echo and comfort noise. */
    static final int THRESHOLD = 6_554;
    static final int QUIET = 1_638;
    /** 50 ms of quiet re-arms the detector. */
    static final int QUIET_SAMPLES = 2_400;

    private int quietRun;
    private boolean armed;

    /** Index in {@code frame} of the first onset in it, or -1; consumes the whole frame. */
    int scan(short[] frame) {
        int found = -1;
        for (int i = 0; i < frame.length; i++) {
            int v = Math.abs(frame[i]);
            if (armed && v >= THRESHOLD && found < 0) {
                found = i;
                armed = false;
                quietRun = 0;
            }
            if (v < QUIET) {
                if (++quietRun >= QUIET_SAMPLES) {
                    armed = true;
                }
            } else {
                quietRun = 0;
            }
        }
        return found;
    }
}
