package dev.parley.common.media;

import dev.parley.common.media.AudioSink;

import java.util.concurrent.atomic.AtomicLong;

/** Discards audio, counting frames; not paced. Thread-safe counter for tests that watch it. */
public final class NullSink implements AudioSink {
    private final AtomicLong frames = new AtomicLong();

    @Override
    public void write(short[] frame) {
        Pcm.requireFrame(frame);
        frames.incrementAndGet();
    }

    /** Frames written so far. */
    public long frames() {
        return frames.get();
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
    }
}
