package dev.parley.common.call;

import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.PeerId;
import dev.parley.common.media.VideoFrame;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoStreamKind;
import dev.parley.common.wire.VideoChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The video receive thread: open (the same {@link PacketOpener} as audio) -> reassemble -> decode ->
 * sink, for every video stream of every peer. A stream that cannot decode (joined midway, a frame
 * lost, a frame that failed to decode) shows its last good picture, drops delta frames and sends
 * {@code VideoKeyframeRequest} at most once per 500 ms until a keyframe decodes (PROTOCOL.md section
 * 6). A stream ends with its end-of-stream chunk, after 3 s of silence, or when its sender leaves.
 * Only complete frames from verified senders reach a decoder; decoding runs here, never on Netty's
 * event loop or the Swing event thread.
 */
final class VideoReceiveLoop {
    private static final System.Logger LOG = System.getLogger(VideoReceiveLoop.class.getName());
    private static final int QUEUE = 4096;
    static final long REQUEST_SPACING = 500_000_000L;
    static final long SILENCE_ENDS_STREAM = 3_000_000_000L;
    private static final long HOUSEKEEPING = 100_000_000L;

    private record Inbound(Membership membership, byte[] datagram, long arrival) {
    }

    private record StreamKey(long peer, long ssrc) {
    }

    private final VideoSetup setup;
    private final CallCounters counters;
    private final Supplier<Membership> membership;
    private final Consumer<ControlMessage> control;
    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE);
    private final PacketOpener opener;
    private final Map<StreamKey, IncomingVideoStream> streams = new ConcurrentHashMap<>();
    /** Streams that ended by their end-of-stream chunk: late chunks must not bring them back. */
    private final Set<StreamKey> ended = new HashSet<>();
    private volatile boolean running = true;
    private Thread thread;
    private Membership current;

    VideoReceiveLoop(VideoSetup setup, CallCounters counters, Supplier<Membership> membership,
                     Consumer<ControlMessage> control) {
        this.setup = setup;
        this.counters = counters;
        this.membership = membership;
        this.control = control;
        this.opener = new PacketOpener(counters, peer -> peer.videoPending);
    }

    void start() {
        thread = new Thread(this::run, "parley-video-receive");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
    }

    /** Called on the connection's delivery thread: queue, never block. */
    void enqueue(Membership m, byte[] datagram, long arrival) {
        if (!queue.offer(new Inbound(m, datagram, arrival))) {
            counters.increment(Reason.DATAGRAM_QUEUE_FULL);
        }
    }

    /** Figures of every stream we receive, closing their intervals (report thread). */
    List<VideoStreamStats> closeIntervals(double seconds) {
        List<VideoStreamStats> out = new ArrayList<>();
        for (IncomingVideoStream s : streams.values()) {
            out.add(s.closeInterval(seconds));
        }
        return out;
    }

    /** The video intervals just closed for {@code sender}: its ReceiverReport covers audio and video. */
    List<ArrivalStats.Interval> lastIntervals(PeerId sender) {
        List<ArrivalStats.Interval> out = new ArrayList<>();
        for (IncomingVideoStream s : streams.values()) {
            if (s.sender.equals(sender)) {
                synchronized (s) {
                    out.add(s.lastInterval);
                }
            }
        }
        return out;
    }

    private void run() {
        List<Inbound> drained = new ArrayList<>();
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING;
        try {
            while (running) {
                Inbound first = queue.poll(HOUSEKEEPING, TimeUnit.NANOSECONDS);
                long now = System.nanoTime();
                Membership m = membership.get();
                if (m != current) {
                    endAll(); // a new join: every stream of the old one is gone
                    current = m;
                }
                drained.clear();
                if (first != null) {
                    drained.add(first);
                    queue.drainTo(drained);
                }
                for (Inbound in : drained) {
                    if (in.membership() == m && m != null) {
                        PacketOpener.Opened o = opener.open(m, in.datagram(), in.arrival(), now);
                        if (o != null) {
                            onChunk(m, o, now);
                        }
                    }
                }
                if (m != null && now - nextHousekeeping >= 0) {
                    nextHousekeeping = now + HOUSEKEEPING;
                    for (RemotePeer peer : m.peers.values()) {
                        opener.releaseHeld(m, peer, now, o -> onChunk(m, o, now));
                    }
                    housekeeping(m, now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the video receive loop failed", e);
        } finally {
            endAll();
        }
    }

    private void onChunk(Membership m, PacketOpener.Opened o, long now) {
        MediaHeader h = o.header();
        if (h.kind() != dev.parley.common.domain.MediaKind.VIDEO) {
            return;
        }
        Decoded<VideoChunk> decoded = VideoChunk.decode(o.buffer(), o.offset(), o.length());
        if (!(decoded instanceof Decoded.Ok<VideoChunk> ok)) {
            counters.increment(Reason.VIDEO_CHUNK_MALFORMED);
            return;
        }
        VideoChunk chunk = ok.value();
        StreamKey key = new StreamKey(h.senderId(), h.ssrc());
        if (ended.contains(key)) {
            return;
        }
        IncomingVideoStream stream = streams.get(key);
        if (chunk.endOfStream()) {
            if (stream != null) {
                ended.add(key);
                end(key, stream);
            }
            return;
        }
        if (stream == null) {
            VideoStreamKind kind = chunk.screen() ? VideoStreamKind.SCREEN : VideoStreamKind.CAMERA;
            stream = new IncomingVideoStream(o.peer().id, h.ssrc(), kind, now);
            streams.put(key, stream);
        }
        stream.lastPacketAt = now;
        stream.onPacket(h.packetIndex(), h.timestamp(), o.arrival(), h.datagramLength());
        byte[] bytes = chunk.bytes();
        Optional<VideoFrame> frame = stream.frames.offer(chunk.frameId(), chunk.chunkIndex(), chunk.chunkCount(),
                chunk.flags(), chunk.codec(), bytes, 0, bytes.length);
        if (frame.isEmpty()) {
            if (stream.frames.keyframeNeeded() && stream.hasDecoded && isInterCoded(stream.codec)) {
                // a frame was given up: what follows cannot decode cleanly until a keyframe
                stream.awaitingKeyframe = true;
                requestKeyframe(m, stream, now);
            }
            return;
        }
        stream.frameTimestamp = h.timestamp();
        stream.frameArrival = o.arrival();
        decode(m, stream, frame.get(), now);
    }

    private void decode(Membership m, IncomingVideoStream stream, VideoFrame frame, long now) {
        Optional<VideoCodec> codec = VideoCodec.fromWire(frame.codec());
        if (codec.isEmpty()) {
            stream.onDropped();
            return;
        }
        boolean gap = stream.lastDecodedFrame >= 0 && frame.frameId() != ((stream.lastDecodedFrame + 1) & 0xFFFF_FFFFL);
        if (gap && isInterCoded(codec.get()) && !frame.keyframe()) {
            stream.awaitingKeyframe = true;
        }
        if (stream.codec != codec.get()) {
            stream.close();
            stream.codec = codec.get();
            stream.awaitingKeyframe = isInterCoded(codec.get());
            stream.decoder = setup.codecs().newDecoder(codec.get()).orElse(null);
        }
        if (stream.decoder == null) {
            stream.onDropped();
            counters.increment(Reason.VIDEO_UNDECODABLE);
            return;
        }
        if (stream.awaitingKeyframe && !frame.keyframe() && isInterCoded(codec.get())) {
            stream.onDropped();
            requestKeyframe(m, stream, now);
            return;
        }
        Decoded<Picture> picture = safeDecode(stream.decoder, frame);
        long decodedAt = System.nanoTime();
        if (!(picture instanceof Decoded.Ok<Picture> ok)) {
            stream.onDropped();
            counters.increment(Reason.VIDEO_UNDECODABLE);
            if (isInterCoded(codec.get())) {
                stream.awaitingKeyframe = true;
                requestKeyframe(m, stream, now);
            }
            return;
        }
        stream.awaitingKeyframe = false;
        stream.hasDecoded = true;
        stream.lastDecodedFrame = frame.frameId();
        Picture p = ok.value();
        stream.onDecoded(p.width(), p.height());
        FrameTiming timing = new FrameTiming(frame.frameId(), stream.frameTimestamp, stream.frameArrival, decodedAt,
                codec.get(), frame.keyframe());
        try {
            setup.sink().onPicture(stream.sender, stream.ssrc, stream.kind, p, timing);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the video sink failed", e);
        }
    }

    /** A decoder is untrusted input's last stop: whatever it throws costs this frame only. */
    private static Decoded<Picture> safeDecode(VideoDecoder decoder, VideoFrame frame) {
        try {
            return decoder.decode(frame.data(), frame.keyframe());
        } catch (RuntimeException e) {
            return Decoded.failed(dev.parley.common.domain.DecodeError.Reason.INVALID, "the decoder failed");
        }
    }

    private static boolean isInterCoded(VideoCodec codec) {
        return codec != null && codec != VideoCodec.JPEG;
    }

    private void requestKeyframe(Membership m, IncomingVideoStream stream, long now) {
        if (now - stream.lastKeyframeRequestAt < REQUEST_SPACING || m.ownPeerId == null) {
            return;
        }
        stream.lastKeyframeRequestAt = now;
        stream.onKeyframeRequested();
        control.accept(new ControlMessage.VideoKeyframeRequest(m.ownPeerId, stream.sender, stream.ssrc));
    }

    private void housekeeping(Membership m, long now) {
        for (Map.Entry<StreamKey, IncomingVideoStream> e : new ArrayList<>(streams.entrySet())) {
            IncomingVideoStream s = e.getValue();
            if (!m.peers.containsKey(s.sender.value()) || now - s.lastPacketAt > SILENCE_ENDS_STREAM) {
                end(e.getKey(), s);
            } else if (s.awaitingKeyframe && s.hasDecoded) {
                requestKeyframe(m, s, now); // the keyframe we asked for may itself have been lost
            } else if (!s.hasDecoded && s.codec != null && isInterCoded(s.codec)) {
                requestKeyframe(m, s, now); // joined midway
            }
        }
        ended.removeIf(k -> !m.peers.containsKey(k.peer()));
    }

    private void end(StreamKey key, IncomingVideoStream s) {
        if (streams.remove(key) == null) {
            return;
        }
        s.close();
        try {
            setup.sink().onStreamEnded(s.sender, s.ssrc, s.kind);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the video sink failed", e);
        }
    }

    private void endAll() {
        for (Map.Entry<StreamKey, IncomingVideoStream> e : new ArrayList<>(streams.entrySet())) {
            end(e.getKey(), e.getValue());
        }
        ended.clear();
    }
}
