package dev.parley.common.call;

import dev.parley.common.domain.MediaKind;
import dev.parley.common.media.VideoChunker;
import dev.parley.common.media.VideoFragment;
import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.Picture;
import dev.parley.common.video.PictureScaler;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoEncoder;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;
import dev.parley.common.wire.VideoChunk;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One outgoing video stream (the camera or a screen share) on its own thread: source -> frame-rate
 * decimation -> scale -> encode -> chunks -> {@link MediaStreamSender} (seal, send), the same
 * seal-and-send stage as audio. Keyframes: the first frame of a stream or join, on request (within
 * 1 s, at most one a second, PROTOCOL.md section 6), once the key of a rotation that a newcomer
 * caused is in use (the newcomer cannot open anything older), and every keyframe interval. Stopping
 * sends the end-of-stream chunk three times, 100 ms apart. Our own pictures go to the sink's self
 * view whether or not anyone receives them.
 */
final class VideoSendStream {
    private static final System.Logger LOG = System.getLogger(VideoSendStream.class.getName());
    private static final long SECOND = 1_000_000_000L;
    private static final long END_SPACING = 100_000_000L;

    private final VideoSource source;
    private final VideoStreamKind kind;
    private final VideoSetup setup;
    private final Supplier<Membership> membership;
    private final MediaStreamSender sender;
    private final VideoRateControl rate;
    private final VideoSendCounters stats = new VideoSendCounters();
    private final VideoChunker chunker = new VideoChunker();
    private final byte[] plaintext = new byte[VideoChunk.HEADER_LENGTH + VideoChunker.MAX_CHUNK_BYTES];
    private volatile boolean running = true;
    private volatile boolean keyframeRequested;
    private volatile long keyframeWithKeyId = -1;
    private volatile String endReason;
    private Thread thread;

    /** The ssrc of this stream in the join it last sent in, for keyframe requests (read from the control thread). */
    private volatile Membership ssrcOwnerSeen;
    private volatile long ssrcSeen = -1;

    // send thread only
    private VideoEncoder encoder;
    private VideoCodec codec;
    private boolean preferredFailed;
    private Membership ssrcOwner;
    private long ssrc;
    private long frameId;
    private int encoderWidth;
    private int encoderHeight;
    private int encoderBitrate;
    private int encoderFrameRate;
    private long lastKeyframeAt = Long.MIN_VALUE / 2;
    private long nextDue = Long.MIN_VALUE / 2;
    private long timestampBase;
    private long clockStart;

    VideoSendStream(VideoSource source, VideoSetup setup, CallCounters counters, Supplier<Membership> membership) {
        this.source = source;
        this.kind = source.kind();
        this.setup = setup;
        this.membership = membership;
        this.sender = new MediaStreamSender(MediaKind.VIDEO, counters);
        this.rate = new VideoRateControl(kind, setup.settings());
    }

    VideoStreamKind kind() {
        return kind;
    }

    void start() {
        thread = new Thread(this::run, "parley-video-send-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops: the thread sends end of stream and closes the source and the encoder. */
    void stop() {
        running = false;
        // a blocked capture returns (or fails) once its device closes
        source.close();
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits for the thread to finish its end-of-stream chunks. */
    void join(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /** This stream's ssrc in join {@code m}, or -1 when it has sent nothing there. */
    long ssrcIn(Membership m) {
        return ssrcOwnerSeen == m ? ssrcSeen : -1;
    }

    /** A receiver asked for a keyframe (control thread). */
    void requestKeyframe() {
        stats.requestsReceived.increment();
        keyframeRequested = true;
    }

    /** A newcomer caused a rotation to {@code keyId}: send a keyframe once that key is in use. */
    void keyframeWithKey(long keyId) {
        keyframeWithKeyId = keyId;
    }

    /** Once a report interval (receive thread): adapt to the receivers' loss and the RTT. */
    void adapt(double worstLoss, long rttMs) {
        rate.update(worstLoss, rttMs);
    }

    VideoSendStats stats(double seconds) {
        VideoRateControl.Quality q = rate.quality();
        return stats.snapshot(kind, codec, rate.target(), q, seconds);
    }

    private void run() {
        clockStart = System.nanoTime();
        timestampBase = (long) (Math.random() * 0x1_0000_0000L);
        try {
            while (running) {
                Picture picture;
                try {
                    picture = source.next();
                } catch (IOException e) {
                    if (running) {
                        endReason = e.getMessage();
                        LOG.log(System.Logger.Level.WARNING, "video source failed: {0}", e.getMessage());
                    }
                    break;
                }
                if (picture == null || !running) {
                    break;
                }
                long captured = System.nanoTime();
                setup.sink().onOwnPicture(kind, picture);
                sendFrame(picture, captured);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (VideoCodecException e) {
            endReason = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "video encoding failed: {0}", e.getMessage());
        } catch (RuntimeException e) {
            endReason = "Sending video failed.";
            LOG.log(System.Logger.Level.ERROR, "the video send loop failed", e);
        } finally {
            running = false;
            sendEndOfStream();
            source.close();
            if (encoder != null) {
                encoder.close();
            }
            setup.sink().onOwnStreamEnded(kind, endReason);
        }
    }

    private void sendFrame(Picture picture, long captured) throws VideoCodecException {
        VideoRateControl.Quality q = rate.quality();
        // frame-rate decimation: each frame is due one interval after the last due time, with half a
        // source frame of tolerance for capture jitter; no catching up after a pause
        long interval = SECOND / frameRate(q);
        long sourceInterval = SECOND / Math.max(1, source.frameRate());
        if (captured < nextDue - sourceInterval / 2) {
            return;
        }
        nextDue = (captured - nextDue > interval ? captured : nextDue) + interval;
        Membership m = membership.get();
        if (m == null || m.phase != Membership.Phase.IN_CALL || !AudioSendLoop.hasVerifiedPeer(m)) {
            return;
        }
        boolean keyframe = false;
        if (m != ssrcOwner) {
            ssrcOwner = m;
            ssrc = m.newSsrc();
            frameId = 0;
            keyframe = true;
            ssrcSeen = ssrc;
            ssrcOwnerSeen = m;
        }
        sender.bind(m, ssrc);
        Picture scaled = PictureScaler.shrinkToFit(picture, q.width(), q.height());
        long keyId = keyframeWithKeyId;
        if (keyId >= 0 && sender.currentKeyId() >= keyId) {
            keyframeWithKeyId = -1;
            keyframe = true;
        }
        boolean requested = keyframeRequested;
        if (requested && captured - lastKeyframeAt >= SECOND) {
            keyframe = true;
        }
        if (captured - lastKeyframeAt >= setup.settings().keyframeInterval().toNanos()) {
            keyframe = true;
        }
        VideoEncoder enc = encoderFor(scaled, q, keyframe);
        if (enc.codec() != codec) {
            keyframe = true;
        }
        codec = enc.codec();
        EncodedPicture encoded = enc.encode(scaled, keyframe);
        if (encoded.keyframe()) {
            if (requested) {
                keyframeRequested = false;
                stats.requestsAnswered.increment();
            }
            lastKeyframeAt = captured;
        }
        long timestamp = timestampBase + (captured - clockStart) * 90_000L / SECOND;
        int flags = (encoded.keyframe() ? VideoChunk.FLAG_KEYFRAME : 0)
                | (kind == VideoStreamKind.SCREEN ? VideoChunk.FLAG_SCREEN : 0);
        List<VideoFragment> chunks = chunker.split(frameId, flags, codec.wireValue(), encoded.data(), 0,
                encoded.data().length);
        int sent = sendChunks(chunks, timestamp);
        // redundancy: every chunk once more, after the whole frame, so that a burst rarely takes both copies
        if (q.redundant()) {
            sent += sendChunks(chunks, timestamp);
        }
        stats.onFrame(encoded.keyframe(), sent, scaled.width(), scaled.height());
        frameId = (frameId + 1) & 0xFFFF_FFFFL;
    }

    private int sendChunks(List<VideoFragment> chunks, long timestamp) {
        int bytes = 0;
        for (VideoFragment c : chunks) {
            VideoChunk.writeHeader(c.frameId(), c.index(), c.count(), c.flags(), c.codec(), plaintext, 0);
            System.arraycopy(c.data(), c.offset(), plaintext, VideoChunk.HEADER_LENGTH, c.length());
            int len = VideoChunk.HEADER_LENGTH + c.length();
            if (sender.send(timestamp, plaintext, 0, len) == MediaStreamSender.Outcome.SENT) {
                bytes += len + 38 + 16;
            }
        }
        return bytes;
    }

    /**
     * The encoder for this picture size and rung: the preferred codec, or JPEG when it cannot load.
     * A new size or frame rate makes a new encoder (it starts with a keyframe). A new bitrate is
     * handed over only with a keyframe that goes out anyway or when it moved by a quarter or more:
     * libvpx under FFmpeg takes a new bitrate only by reopening, which costs a keyframe.
     */
    private VideoEncoder encoderFor(Picture p, VideoRateControl.Quality q, boolean keyframeAnyway)
            throws VideoCodecException {
        if (encoder != null && (encoderWidth != p.width() || encoderHeight != p.height()
                || encoderFrameRate != q.frameRate())) {
            encoder.close();
            encoder = null;
        }
        if (encoder == null) {
            EncoderSettings settings = new EncoderSettings(p.width(), p.height(), q.frameRate(), q.bitrate(),
                    (int) Math.max(1, setup.settings().keyframeInterval().toSeconds() * q.frameRate()));
            VideoCodec preferred = setup.settings().preferred();
            if (!preferredFailed) {
                try {
                    encoder = setup.codecs().newEncoder(preferred, settings);
                } catch (VideoCodecException e) {
                    preferredFailed = true;
                    LOG.log(System.Logger.Level.WARNING, "{0}; sending JPEG instead", e.getMessage());
                }
            }
            if (encoder == null) {
                encoder = setup.codecs().newEncoder(VideoCodec.JPEG, settings);
            }
            encoderWidth = p.width();
            encoderHeight = p.height();
            encoderFrameRate = q.frameRate();
            encoderBitrate = q.bitrate();
        } else if (encoderBitrate != q.bitrate()
                && (keyframeAnyway || Math.abs(q.bitrate() - encoderBitrate) >= encoderBitrate / 4)) {
            encoder.setBitrate(q.bitrate());
            encoderBitrate = q.bitrate();
        }
        return encoder;
    }

    /**
     * The rung's frame rate, halved for JPEG: every JPEG frame stands alone, and at a camera's
     * bitrate the lowest useful quality already costs about 7 KB a frame (830 kbit/s at 15 fps).
     */
    private int frameRate(VideoRateControl.Quality q) {
        return codec == VideoCodec.JPEG ? Math.max(1, q.frameRate() / 2) : q.frameRate();
    }

    /** PROTOCOL.md section 6: one empty chunk with the end-of-stream flag, three times, 100 ms apart. */
    private void sendEndOfStream() {
        Membership m = ssrcOwner;
        if (m == null || codec == null) {
            return; // nothing was ever sent: nobody to tell
        }
        int flags = VideoChunk.FLAG_END_OF_STREAM | (kind == VideoStreamKind.SCREEN ? VideoChunk.FLAG_SCREEN : 0);
        VideoChunk.writeHeader(frameId, 0, 1, flags, codec.wireValue(), plaintext, 0);
        long timestamp = timestampBase + (System.nanoTime() - clockStart) * 90_000L / SECOND;
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                // pacing, not waiting for a condition: the spec spaces the copies 100 ms apart
                long until = System.nanoTime() + END_SPACING;
                for (long left = END_SPACING; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }
            if (membership.get() != m || m.phase != Membership.Phase.IN_CALL) {
                return;
            }
            sender.send(timestamp, plaintext, 0, VideoChunk.HEADER_LENGTH);
        }
    }
}
