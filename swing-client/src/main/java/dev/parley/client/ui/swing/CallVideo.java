package dev.parley.client.ui.swing;

import dev.parley.client.ui.model.CallViewModel;
import dev.parley.common.domain.PeerId;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoStreamKind;

import javax.swing.SwingUtilities;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * A call's {@link VideoSink} on the desktop. On the call's video thread it wraps each picture as an
 * image (no copy) and puts it in the stream's {@link VideoFeed}, which the tiles paint from; it
 * tells the {@link CallViewModel} when a stream starts showing pictures and when it ends, so the
 * layout and the buttons follow. Never blocks the video thread, never waits for the event thread.
 */
public final class CallVideo implements VideoSink {

    /** A stream on screen: whose ({@code null} is you) and which kind. */
    private record StreamKey(PeerId peer, VideoStreamKind kind) {
    }

    private final CallViewModel vm;
    private final Executor ui;
    private final ConcurrentMap<StreamKey, VideoFeed> feeds = new ConcurrentHashMap<>();
    private final ConcurrentMap<StreamKey, Long> ssrcs = new ConcurrentHashMap<>();

    public CallVideo(CallViewModel vm) {
        this(vm, SwingUtilities::invokeLater);
    }

    /** @param ui where repaints are queued; the event thread in the app */
    CallVideo(CallViewModel vm, Executor ui) {
        this.vm = vm;
        this.ui = ui;
    }

    @Override
    public void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing) {
        StreamKey key = new StreamKey(peer, kind);
        ssrcs.put(key, ssrc);
        if (feed(key).show(PictureImages.wrap(picture))) {
            vm.remoteVideo(peer, kind, true);
        }
    }

    @Override
    public void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind) {
        StreamKey key = new StreamKey(peer, kind);
        Long current = ssrcs.get(key);
        if (current != null && current != ssrc) {
            return; // an older stream of this kind ended after its successor began
        }
        ssrcs.remove(key);
        feed(key).clear();
        vm.remoteVideo(peer, kind, false);
    }

    @Override
    public void onOwnPicture(VideoStreamKind kind, Picture picture) {
        // Our own screen is not shown back to us: a picture of the screen on the screen helps nobody.
        if (kind == VideoStreamKind.CAMERA) {
            feed(new StreamKey(null, kind)).show(PictureImages.wrap(picture));
        }
    }

    @Override
    public void onOwnStreamEnded(VideoStreamKind kind, String reason) {
        feed(new StreamKey(null, kind)).clear();
        vm.ownVideoEnded(kind, reason);
    }

    /** The camera pictures of a peer, or yours for an empty {@code peer}. */
    VideoFeed camera(Optional<PeerId> peer) {
        return feed(new StreamKey(peer.orElse(null), VideoStreamKind.CAMERA));
    }

    /** The screen a peer shares. */
    VideoFeed screen(PeerId peer) {
        return feed(new StreamKey(peer, VideoStreamKind.SCREEN));
    }

    private VideoFeed feed(StreamKey key) {
        return feeds.computeIfAbsent(key, k -> new VideoFeed(ui));
    }
}
