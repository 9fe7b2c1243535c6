package dev.parley.common.video;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a video source in real time: frame slot {@code n} is due {@code n / frameRate} seconds
 * after the clock's first use. Due times all come from that start, so the rate never drifts; a
 * caller that comes back more than a frame late (a stall) is moved to the newest due slot instead
 * of catching up in a burst. Waiting is parking until a due time, woken early by {@link #close()}.
 *
 * <p>{@link #slot()} and {@link #await()} are for one thread (the stream's send thread);
 * {@link #close()} may come from any thread.
 */
public final class FrameClock {
    private static final long SECOND = 1_000_000_000L;

    private final int frameRate;
    private final long periodNanos;

    private boolean started;
    private long startNanos;
    private long nextSlot;

    private volatile boolean closed;
    private volatile Thread waiter;

    /** A clock of {@code frameRate} slots per second, 1..60. */
    public FrameClock(int frameRate) {
        if (frameRate < 1 || frameRate > 60) {
            throw new IllegalArgumentException("a frame clock runs at 1..60 fps, got " + frameRate);
        }
        this.frameRate = frameRate;
        this.periodNanos = SECOND / frameRate;
    }

    public int frameRate() {
        return frameRate;
    }

    /**
     * The number of the next slot, starting the clock on first use. After a stall this skips to
     * the newest slot already due; asking again without {@link #await()} gives the same or, after
     * another stall, a later slot.
     */
    public long slot() {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            startNanos = now;
        }
        if (now - dueNanos(nextSlot) >= periodNanos) {
            nextSlot = (now - startNanos) * frameRate / SECOND;
        }
        return nextSlot;
    }

    /**
     * Waits until the next slot ({@link #slot()}) is due and moves past it.
     *
     * @return the slot's number, or -1 when the clock was closed before or while waiting
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public long await() throws InterruptedException {
        long slot = slot();
        return await(slot) ? slot : -1;
    }

    /**
     * Waits until {@code slot} (from {@link #slot()}) is due, at once if it already is, and moves
     * past it: for a source that prepares a picture for a slot before it is due.
     *
     * @return false when the clock was closed before or while waiting
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean await(long slot) throws InterruptedException {
        long due = dueNanos(slot);
        waiter = Thread.currentThread();
        try {
            while (!closed) {
                long left = due - System.nanoTime();
                if (left <= 0) {
                    nextSlot = Math.max(nextSlot, slot + 1);
                    return true;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return false;
        } finally {
            waiter = null;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the clock: a waiting {@link #await()} returns -1 at once, and so does every later one. */
    public void close() {
        closed = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private long dueNanos(long slot) {
        return startNanos + slot * SECOND / frameRate;
    }
}
