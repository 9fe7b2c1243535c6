package dev.parley.bench.call;

import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "glass" of the sending side, the video counterpart of {@link BurstSource}: wraps a source
 * whose pictures carry their frame number ({@link dev.parley.common.video.TestPattern}) and
 * stamps, by frame number, the moment each picture left the inner source's {@code next()} (its
 * capture time: the test pattern hands a picture over at its due time). The send thread asks for
 * the next picture only once it has encoded, sealed and handed the previous one's datagrams to the
 * connection, so the moment {@code next()} is entered again is when the previous frame was sent.
 */
final class StampingVideoSource implements VideoSource {
    /** When a frame left the source, and when the send thread came back for the next one (or -1). */
    record Stamp(long capturedNanos, long sentNanos) {
    }

    private final VideoSource inner;
    private final Map<Long, Stamp> stamps = new ConcurrentHashMap<>();
    private long previous = -1;
    private long previousCaptured;

    StampingVideoSource(VideoSource inner) {
        this.inner = inner;
    }

    @Override
    public Picture next() throws IOException, InterruptedException {
        long entered = System.nanoTime();
        if (previous >= 0) {
            stamps.put(previous, new Stamp(previousCaptured, entered));
        }
        Picture picture = inner.next();
        long captured = System.nanoTime();
        if (picture == null) {
            return null;
        }
        OptionalLong number = FrameNumberStrip.read(picture);
        previous = number.orElse(-1);
        previousCaptured = captured;
        if (previous >= 0) {
            stamps.put(previous, new Stamp(captured, -1));
        }
        return picture;
    }

    /** Stamps by frame number; a frame still being sent has {@code sentNanos} -1. */
    Map<Long, Stamp> stamps() {
        return stamps;
    }

    @Override
    public VideoStreamKind kind() {
        return inner.kind();
    }

    @Override
    public int frameRate() {
        return inner.frameRate();
    }

    @Override
    public void close() {
        inner.close();
    }
}
