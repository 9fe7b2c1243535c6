package dev.parley.common.call;

import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.PeerId;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A call's video: our outgoing streams (at most one camera and one screen share, each on its own
 * thread) and the receive thread for everyone else's. Started and stopped by the session; its
 * methods may be called from any thread.
 */
final class CallVideo implements VideoReports {
    private static final System.Logger LOG = System.getLogger(CallVideo.class.getName());

    private final VideoSetup setup;
    private final CallCounters counters;
    private final Supplier<Membership> membership;
    private final VideoReceiveLoop receiver;
    private final Map<VideoStreamKind, VideoSendStream> sending = new EnumMap<>(VideoStreamKind.class);
    private boolean ended;

    CallVideo(VideoSetup setup, CallCounters counters, Supplier<Membership> membership,
              Consumer<ControlMessage> control) {
        this.setup = setup;
        this.counters = counters;
        this.membership = membership;
        this.receiver = setup.enabled() ? new VideoReceiveLoop(setup, counters, membership, control) : null;
    }

    void start() {
        if (receiver != null) {
            receiver.start();
        }
    }

    /** A video datagram from the connection's delivery thread. */
    void enqueue(Membership m, byte[] datagram, long arrival) {
        if (receiver != null) {
            receiver.enqueue(m, datagram, arrival);
        }
        // without codecs video is not shown; nothing to open it for
    }

    void startStream(VideoSource source) {
        VideoStreamKind kind = source.kind();
        if (!setup.enabled()) {
            source.close();
            setup.sink().onOwnStreamEnded(kind, "Video is not available in this build.");
            return;
        }
        VideoSendStream stream = new VideoSendStream(source, setup, counters, membership);
        VideoSendStream old;
        synchronized (this) {
            if (ended) {
                source.close();
                return;
            }
            old = sending.put(kind, stream);
        }
        if (old != null) {
            old.stop();
        }
        stream.start();
    }

    void stopStream(VideoStreamKind kind) {
        VideoSendStream old;
        synchronized (this) {
            old = sending.remove(kind);
        }
        if (old != null) {
            old.stop();
        }
    }

    synchronized boolean isSending(VideoStreamKind kind) {
        VideoSendStream s = sending.get(kind);
        return s != null && s.isRunning();
    }

    /** A VideoKeyframeRequest addressed to us (control thread). */
    void onKeyframeRequest(Membership m, ControlMessage.VideoKeyframeRequest request) {
        RemotePeer asker = m.peers.get(request.senderId().value());
        if (asker == null || !asker.isVerified()) {
            counters.increment(Reason.CONTROL_UNEXPECTED);
            return;
        }
        for (VideoSendStream s : streams()) {
            if (s.ssrcIn(m) == request.ssrc()) {
                s.requestKeyframe();
                return;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "keyframe request for ssrc {0}, which we do not send", request.ssrc());
    }

    /** A newcomer caused a rotation to {@code keyId} (control thread). */
    void onNewcomerRotation(long keyId) {
        for (VideoSendStream s : streams()) {
            s.keyframeWithKey(keyId);
        }
    }

    /** Stops every stream and the receive thread: the call is over. */
    void stop() {
        List<VideoSendStream> all;
        synchronized (this) {
            ended = true;
            all = new ArrayList<>(sending.values());
            sending.clear();
        }
        all.forEach(VideoSendStream::stop);
        if (receiver != null) {
            receiver.stop();
        }
    }

    private synchronized List<VideoSendStream> streams() {
        return new ArrayList<>(sending.values());
    }

    @Override
    public List<VideoStreamStats> closeReceiveIntervals(double seconds) {
        return receiver == null ? List.of() : receiver.closeIntervals(seconds);
    }

    @Override
    public List<ArrivalStats.Interval> receiveIntervals(PeerId sender) {
        return receiver == null ? List.of() : receiver.lastIntervals(sender);
    }

    @Override
    public boolean sending() {
        for (VideoSendStream s : streams()) {
            if (s.isRunning()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void adapt(double worstLoss, long rttMs) {
        for (VideoSendStream s : streams()) {
            s.adapt(worstLoss, rttMs);
        }
    }

    @Override
    public List<VideoSendStats> sendStats(double seconds) {
        List<VideoSendStats> out = new ArrayList<>();
        for (VideoSendStream s : streams()) {
            out.add(s.stats(seconds));
        }
        return out;
    }
}
