package dev.parley.common.call;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect backoff with full jitter, so that everyone in a call does not hit a
 * restarted relay in the same millisecond.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.random = random;
    }

    /** The wait before the next attempt: uniformly random in [cap/2, cap] where cap doubles per attempt. */
    public Duration next() {
        long cap = Math.min(maxMs, initialMs << Math.min(attempt, 20));
        attempt++;
        return Duration.ofMillis(cap / 2 + random.nextLong(cap / 2 + 1));
    }

    /** After a successful connection. */
    public void reset() {
        attempt = 0;
    }
}
