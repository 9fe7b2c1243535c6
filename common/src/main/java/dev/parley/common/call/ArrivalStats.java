package dev.parley.common.call;

/**
 * Receive statistics of one media stream: RFC 3550 interarrival jitter, loss over a report
 * interval from packet-index gaps, and bytes received. Not thread-safe: one receive thread owns it.
 */
public final class ArrivalStats {
    private final double clockRate;
    private double jitterTicks;
    private boolean haveTransit;
    private double lastTransit;
    private long highestIndex = -1;
    private long intervalBaseIndex = -1;
    private long intervalReceived;
    private long intervalBytes;

    /** @param clockRate media clock ticks per second (48,000 for audio) */
    public ArrivalStats(double clockRate) {
        this.clockRate = clockRate;
    }

    /** One packet accepted (decrypted and not a replay). */
    public void onPacket(long packetIndex, long rtpTimestamp, long arrivalNanos, int bytes) {
        double arrivalTicks = arrivalNanos * clockRate / 1e9;
        double transit = arrivalTicks - rtpTimestamp;
        if (haveTransit) {
            double d = Math.abs(transit - lastTransit);
            jitterTicks += (d - jitterTicks) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
        if (intervalBaseIndex < 0) {
            intervalBaseIndex = packetIndex;
        }
        if (packetIndex > highestIndex) {
            highestIndex = packetIndex;
        }
        intervalReceived++;
        intervalBytes += bytes;
    }

    public double jitterMs() {
        return jitterTicks * 1000.0 / clockRate;
    }

    /** Closes the current interval and returns its figures. */
    public Interval closeInterval(double seconds) {
        long expected = intervalBaseIndex < 0 ? 0 : highestIndex - intervalBaseIndex + 1;
        double loss = expected <= 0 ? 0 : Math.max(0, (double) (expected - intervalReceived) / expected);
        long bitrate = seconds <= 0 ? 0 : Math.round(intervalBytes * 8 / seconds);
        Interval result = new Interval(loss, jitterMs(), bitrate, intervalReceived);
        intervalBaseIndex = highestIndex < 0 ? -1 : highestIndex + 1;
        intervalReceived = 0;
        intervalBytes = 0;
        return result;
    }

    /** Figures of one report interval. */
    public record Interval(double lossFraction, double jitterMs, long bitrate, long packets) {
    }
}
