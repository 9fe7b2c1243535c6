package dev.parley.common.testing.call;

import dev.parley.common.media.AudioSource;

import java.util.concurrent.CountDownLatch;

/**
 * An unpaced source that plays silence until {@link #play()} is called, then the given samples
 * once, then ends. Lets a test start talking only when everyone is in the call.
 */
public final class ArraySource implements AudioSource {
    private final short[] samples;
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile long startedAtNanos = -1;
    private int position;

    public ArraySource(short[] samples) {
        this.samples = samples;
    }

    public void play() {
        go.countDown();
    }

    /** When the first frame of the samples was read, or -1. */
    public long startedAtNanos() {
        return startedAtNanos;
    }

    @Override
    public boolean read(short[] frame) {
        if (go.getCount() > 0) {
            java.util.Arrays.fill(frame, (short) 0);
            return true;
        }
        if (position >= samples.length) {
            return false;
        }
        if (position == 0) {
            startedAtNanos = System.nanoTime();
        }
        int n = Math.min(frame.length, samples.length - position);
        System.arraycopy(samples, position, frame, 0, n);
        java.util.Arrays.fill(frame, n, frame.length, (short) 0);
        position += frame.length;
        return true;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
    }
}
