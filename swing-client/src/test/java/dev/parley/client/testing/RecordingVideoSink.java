package dev.parley.client.testing;

import dev.parley.common.domain.PeerId;
import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoStreamKind;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** A video sink that keeps what a call showed: every picture with its frame number read back, and every stream end. */
public final class RecordingVideoSink implements VideoSink {

    /** One picture shown. */
    public record Shown(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, OptionalLong frameNumber,
                        FrameTiming timing, long shownNanos) {
    }

    /** One stream ended. */
    public record Ended(PeerId peer, long ssrc, VideoStreamKind kind, long atNanos) {
    }

    public final List<Shown> shown = new CopyOnWriteArrayList<>();
    public final List<Ended> ended = new CopyOnWriteArrayList<>();
    public final List<String> ownEnded = new CopyOnWriteArrayList<>();
    public volatile int ownPictures;

    @Override
    public void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing) {
        shown.add(new Shown(peer, ssrc, kind, picture, FrameNumberStrip.read(picture), timing, System.nanoTime()));
    }

    @Override
    public void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind) {
        ended.add(new Ended(peer, ssrc, kind, System.nanoTime()));
    }

    @Override
    public void onOwnPicture(VideoStreamKind kind, Picture picture) {
        ownPictures++;
    }

    @Override
    public void onOwnStreamEnded(VideoStreamKind kind, String reason) {
        ownEnded.add(kind + ": " + reason);
    }

    /** Pictures shown since {@code fromNanos}. */
    public List<Shown> since(long fromNanos) {
        List<Shown> out = new ArrayList<>();
        for (Shown s : shown) {
            if (s.shownNanos() >= fromNanos) {
                out.add(s);
            }
        }
        return out;
    }
}
