package dev.parley.bench.call;

import dev.parley.common.domain.PeerId;
import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoStreamKind;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The "glass" of the receiving side, the video counterpart of {@link StampingSink}: stamps every
 * picture the engine hands to the sink (System.nanoTime, first thing in {@link #onPicture}), then
 * reads the frame number from its strip and keeps it with the engine's {@link FrameTiming}.
 */
final class GlassSink implements VideoSink {
    /** One picture as shown: its frame number, when it reached the sink, and the engine's timing. */
    record Shown(long frameNumber, long sinkNanos, FrameTiming timing) {
    }

    private final List<Shown> shown = new CopyOnWriteArrayList<>();
    private final AtomicInteger unreadable = new AtomicInteger();

    @Override
    public void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing) {
        long now = System.nanoTime();
        OptionalLong number = FrameNumberStrip.read(picture);
        if (number.isPresent()) {
            shown.add(new Shown(number.getAsLong(), now, timing));
        } else {
            unreadable.incrementAndGet();
        }
    }

    @Override
    public void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind) {
    }

    List<Shown> shown() {
        return shown;
    }

    /** Pictures whose frame number strip did not read (coding damage). */
    int unreadable() {
        return unreadable.get();
    }
}
