package dev.parley.common.call;

import java.util.concurrent.locks.LockSupport;

/**
 * A 20 ms tick for loops whose source or sink does not pace itself (a file): waits until the next
 * deadline, never drifting, and skips ahead instead of bursting after a long stall.
 */
final class FrameClock {
    static final long FRAME_NANOS = 20_000_000L;
    private static final long MAX_LAG = 10 * FRAME_NANOS;

    private long next;

    FrameClock(long start) {
        this.next = start;
    }

    /** Blocks until the next frame is due; returns its deadline. */
    long awaitNext() throws InterruptedException {
        long now = System.nanoTime();
        if (now - next > MAX_LAG) {
            next = now;
        }
        while (true) {
            long wait = next - System.nanoTime();
            if (wait <= 0) {
                break;
            }
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        long due = next;
        next += FRAME_NANOS;
        return due;
    }
}
