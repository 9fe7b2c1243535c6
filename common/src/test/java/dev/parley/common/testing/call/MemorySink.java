package dev.parley.common.testing.call;

import dev.parley.common.media.AudioSink;

import java.util.Arrays;

/** An unpaced sink that keeps everything written to it, for tests. */
public final class MemorySink implements AudioSink {
    private short[] samples = new short[48_000 * 10];
    private int length;
    private volatile boolean closed;

    @Override
    public synchronized void write(short[] frame) {
        if (length + frame.length > samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        System.arraycopy(frame, 0, samples, length, frame.length);
        length += frame.length;
    }

    /** A copy of everything written so far. */
    public synchronized short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    public synchronized int frames() {
        return length / 960;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
