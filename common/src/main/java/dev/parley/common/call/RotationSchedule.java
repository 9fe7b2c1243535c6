package dev.parley.common.call;

import java.util.OptionalLong;

/**
 * When our own sender key must rotate (PROTOCOL.md section 7), as a pure state machine over a
 * monotonic clock in nanoseconds. The session asks it what to do on each event and acts on the
 * answer; it holds no keys itself.
 *
 * <ul>
 *   <li>a verified peer joins: rotate now, unless the previous rotation was less than the debounce ago;
 *       then rotate once when the debounce has passed (that rotation covers every join before it)</li>
 *   <li>a verified peer leaves: rotate now</li>
 *   <li>periodically: rotate</li>
 * </ul>
 */
public final class RotationSchedule {
    private final long debounceNanos;
    private final long intervalNanos;
    private long lastRotation;
    private boolean rotated;
    private long deferredUntil = -1;

    public RotationSchedule(long debounceNanos, long intervalNanos) {
        this.debounceNanos = debounceNanos;
        this.intervalNanos = intervalNanos;
    }

    /** Records a rotation (or the initial key) made at {@code now}. Clears any deferred rotation. */
    public void rotatedAt(long now) {
        lastRotation = now;
        rotated = true;
        deferredUntil = -1;
    }

    /**
     * A verified peer joined at {@code now}.
     *
     * @return true to rotate now; false when a deferred rotation is (or already was) scheduled, see {@link #deferredUntil()}
     */
    public boolean onPeerJoined(long now) {
        if (!rotated || now - lastRotation >= debounceNanos) {
            return true;
        }
        if (deferredUntil < 0) {
            deferredUntil = lastRotation + debounceNanos;
        }
        return false;
    }

    /** A verified peer left: always rotate at once. */
    public boolean onPeerLeft() {
        return true;
    }

    /** When the deferred join rotation is due, if one is pending. */
    public OptionalLong deferredUntil() {
        return deferredUntil < 0 ? OptionalLong.empty() : OptionalLong.of(deferredUntil);
    }

    /** True when a deferred join rotation or the periodic rotation is due at {@code now}. */
    public boolean isDue(long now) {
        if (deferredUntil >= 0 && now >= deferredUntil) {
            return true;
        }
        return rotated && now - lastRotation >= intervalNanos;
    }

    /** When the next timed rotation (deferred or periodic) is due. */
    public long nextDue() {
        long periodic = lastRotation + intervalNanos;
        return deferredUntil >= 0 ? Math.min(deferredUntil, periodic) : periodic;
    }

    public long lastRotation() {
        return lastRotation;
    }
}
