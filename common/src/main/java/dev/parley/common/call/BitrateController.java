package dev.parley.common.call;

/**
 * Adapts the Opus target bitrate once per report interval from the worst receiver's loss and the
 * RTT: step down multiplicatively on congestion, creep up additively while clean (AIMD, as in
 * TCP-friendly rate control). The encoder's expected-loss setting follows the measured loss so that
 * in-band FEC spends bits only when they are needed.
 */
public final class BitrateController {
    static final double CONGESTED_LOSS = 0.10;
    static final double CLEAN_LOSS = 0.02;
    static final long RTT_RISE_MS = 150;
    static final int STEP_UP = 2_000;
    static final double STEP_DOWN = 0.75;

    private final int min;
    private final int max;
    private int target;
    private long baseRttMs = Long.MAX_VALUE;

    public BitrateController(int initial, int min, int max) {
        this.min = min;
        this.max = max;
        this.target = initial;
    }

    /**
     * @param worstLoss the highest loss fraction any receiver reported for us in the last interval
     * @param rttMs     current round-trip time to the relay, or a negative value when unknown
     * @return the new target bitrate
     */
    public int update(double worstLoss, long rttMs) {
        boolean rttRising = false;
        if (rttMs >= 0) {
            baseRttMs = Math.min(baseRttMs, rttMs);
            rttRising = rttMs - baseRttMs > RTT_RISE_MS;
        }
        if (worstLoss > CONGESTED_LOSS || rttRising) {
            target = Math.max(min, (int) (target * STEP_DOWN));
        } else if (worstLoss < CLEAN_LOSS) {
            target = Math.min(max, target + STEP_UP);
        }
        return target;
    }

    /** The encoder's expected packet loss in percent for a measured loss fraction. */
    public static int expectedLossPercent(double worstLoss) {
        return (int) Math.max(0, Math.min(100, Math.ceil(worstLoss * 100)));
    }

    public int target() {
        return target;
    }
}
