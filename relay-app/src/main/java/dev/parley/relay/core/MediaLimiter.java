package dev.parley.relay.core;

/**
 * A member's media rate limit: two token buckets (packets and bytes per second), each holding at
 * most one second's worth, and the count of consecutive seconds in which datagrams were dropped
 * for exceeding it ("sustained abuse"). Event-loop confined.
 */
final class MediaLimiter {
    private static final long SECOND = 1_000_000_000L;

    private final double packetsPerSecond;
    private final double bytesPerSecond;
    private double packetTokens;
    private double byteTokens;
    private long lastRefill;
    private long windowStart;
    private boolean dropsInWindow;
    private int abusiveSeconds;

    MediaLimiter(double packetsPerSecond, double bytesPerSecond, long nowNanos) {
        this.packetsPerSecond = packetsPerSecond;
        this.bytesPerSecond = bytesPerSecond;
        this.packetTokens = packetsPerSecond;
        this.byteTokens = bytesPerSecond;
        this.lastRefill = nowNanos;
        this.windowStart = nowNanos;
    }

    /** Takes one packet of {@code bytes}; false when it is above the limit (then it is dropped). */
    boolean tryAcquire(int bytes, long now) {
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            double seconds = elapsed / (double) SECOND;
            packetTokens = Math.min(packetsPerSecond, packetTokens + seconds * packetsPerSecond);
            byteTokens = Math.min(bytesPerSecond, byteTokens + seconds * bytesPerSecond);
            lastRefill = now;
        }
        rollWindow(now);
        if (packetTokens >= 1 && byteTokens >= bytes) {
            packetTokens -= 1;
            byteTokens -= bytes;
            return true;
        }
        dropsInWindow = true;
        return false;
    }

    /** Consecutive whole one-second windows, up to the last complete one, that had drops. */
    int abusiveSeconds() {
        return abusiveSeconds;
    }

    private void rollWindow(long now) {
        long elapsed = now - windowStart;
        if (elapsed < SECOND) {
            return;
        }
        if (elapsed < 2 * SECOND) {
            abusiveSeconds = dropsInWindow ? abusiveSeconds + 1 : 0;
            windowStart += SECOND;
        } else {
            // at least one whole second without any datagram: the streak is over
            abusiveSeconds = 0;
            windowStart = now;
        }
        dropsInWindow = false;
    }
}
