package dev.parley.bench.load;

import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything one event loop of the load generator owns: its members, the pacing ticker that makes
 * them send (audio packets, and video frames when {@link VideoTraffic} is on), and the counters and
 * histograms of what they sent and received, audio and video apart. Only ever touched on that
 * loop's thread; read by the main thread through {@link #snapshot()} run on the loop.
 */
final class LoopState {
    final EventLoop loop;
    final List<LoadMember> members = new ArrayList<>();
    private final long periodNanos;
    private final int datagramSize;
    private final VideoTraffic video;
    private final long framePeriodNanos;
    private final long ticksPerFrame;
    private final int keyframeInterval;
    // measurement window on the senders' clock (System.nanoTime of this JVM); set before the ticker starts
    private long windowStart = Long.MAX_VALUE;
    private long windowEnd = Long.MAX_VALUE;
    private boolean sending;
    private ScheduledFuture<?> ticker;

    private long sentTotal;
    private long sentInWindow;
    private long videoSentInWindow;
    private long receivedTotal;
    private long deliveredInWindow;
    private long videoDeliveredInWindow;
    private long deliveredBytesInWindow;
    private long wrongRoom;
    private long malformed;
    private final LatencyHistogram audioLatency = new LatencyHistogram();
    private final LatencyHistogram videoLatency;
    private final LatencyHistogram sendLateness = new LatencyHistogram();

    LoopState(EventLoop loop, long periodNanos, int datagramSize) {
        this(loop, periodNanos, datagramSize, VideoTraffic.OFF);
    }

    LoopState(EventLoop loop, long periodNanos, int datagramSize, VideoTraffic video) {
        this.loop = loop;
        this.periodNanos = periodNanos;
        this.datagramSize = datagramSize;
        this.video = video;
        this.framePeriodNanos = video.framePeriodNanos();
        this.ticksPerFrame = video.ticksPerFrame();
        this.keyframeInterval = video.keyframeIntervalFrames();
        this.videoLatency = video.on() ? new LatencyHistogram() : null;
    }

    /**
     * Starts pacing on the loop: member i's packets go out at start + phase_i + k * period, its
     * video frames at start + videoPhase_i + k * frame period.
     */
    void start(long startNanos, long windowStart, long windowEnd, long tickMicros) {
        loop.execute(() -> {
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            for (LoadMember m : members) {
                m.nextSendNanos = startNanos + m.phaseNanos;
                m.nextFrameNanos = startNanos + m.videoPhaseNanos;
            }
            sending = true;
            ticker = loop.scheduleAtFixedRate(this::tick, 0, tickMicros, TimeUnit.MICROSECONDS);
        });
    }

    void stop() {
        loop.execute(() -> {
            sending = false;
            if (ticker != null) {
                ticker.cancel(false);
            }
        });
    }

    private void tick() {
        if (!sending) {
            return;
        }
        long now = System.nanoTime();
        for (int i = 0, n = members.size(); i < n; i++) {
            LoadMember m = members.get(i);
            while (m.nextSendNanos <= now && m.isJoined()) {
                long ts = m.send();
                if (ts == 0) {
                    break;
                }
                sendLateness.recordNanos(ts - m.nextSendNanos);
                sentTotal++;
                if (ts >= windowStart && ts < windowEnd) {
                    sentInWindow++;
                }
                m.nextSendNanos += periodNanos;
            }
            if (videoLatency != null) {
                while (m.nextFrameNanos <= now && m.isJoined() && sendFrame(m)) {
                    m.nextFrameNanos += framePeriodNanos;
                }
            }
        }
    }

    /**
     * Sends member m's next frame as one burst of chunk datagrams, back to back with one flush
     * after the last, as the real client does. False when its connection is gone.
     */
    private boolean sendFrame(LoadMember m) {
        long frame = m.frameIndex;
        boolean keyframe = (frame + m.keyframeOffset) % keyframeInterval == 0;
        int bytes = video.frameBytes(keyframe);
        int count = VideoTraffic.chunkCount(bytes);
        long first = 0;
        for (int c = 0; c < count; c++) {
            long ts = m.sendVideo(VideoTraffic.datagramLength(bytes, count, c), frame, ticksPerFrame);
            if (ts == 0) {
                break;
            }
            if (c == 0) {
                first = ts;
            }
            sentTotal++;
            if (ts >= windowStart && ts < windowEnd) {
                sentInWindow++;
                videoSentInWindow++;
            }
        }
        m.flush();
        if (first == 0) {
            return false;
        }
        // the burst's start against its schedule: the burst's own length is part of the traffic
        sendLateness.recordNanos(first - m.nextFrameNanos);
        m.frameIndex = frame + 1;
        return true;
    }

    /** A media datagram arrived for a member of this loop whose room is {@code roomId}. */
    void onDatagram(ByteBuf buf, long roomId) {
        long now = System.nanoTime();
        receivedTotal++;
        int ri = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < MediaHeader.LENGTH + 8 || buf.getUnsignedShort(ri) != 0xBEEF) {
            malformed++;
            return;
        }
        boolean isVideo = buf.getByte(ri + MediaHeader.OFFSET_KIND) == MediaKind.VIDEO.wire();
        if (isVideo ? videoLatency == null || length > MediaHeader.MAX_DATAGRAM
                || length != MediaHeader.LENGTH + buf.getUnsignedShort(ri + MediaHeader.OFFSET_CT_LEN)
                : length != datagramSize) {
            malformed++;
            return;
        }
        if (buf.getLong(ri + 3) != roomId) {
            wrongRoom++;
            return;
        }
        long ts = buf.getLong(ri + LoadMember.TIMESTAMP_OFFSET);
        if (ts >= windowStart && ts < windowEnd) {
            deliveredInWindow++;
            deliveredBytesInWindow += length;
            if (isVideo) {
                videoDeliveredInWindow++;
                videoLatency.recordNanos(now - ts);
            } else {
                audioLatency.recordNanos(now - ts);
            }
        }
    }

    /** Counters of this loop; run on the loop. */
    Snapshot snapshot() {
        return new Snapshot(sentTotal, sentInWindow, videoSentInWindow, receivedTotal, deliveredInWindow,
                videoDeliveredInWindow, deliveredBytesInWindow, wrongRoom, malformed, audioLatency.copy(),
                videoLatency == null ? new LatencyHistogram() : videoLatency.copy(), sendLateness.copy());
    }

    /**
     * What one loop counted. {@code sentInWindow} and {@code deliveredInWindow} count audio and video;
     * the {@code video*} fields video alone.
     */
    record Snapshot(long sentTotal, long sentInWindow, long videoSentInWindow, long receivedTotal,
                    long deliveredInWindow, long videoDeliveredInWindow, long deliveredBytesInWindow,
                    long wrongRoom, long malformed, LatencyHistogram audioLatency, LatencyHistogram videoLatency,
                    LatencyHistogram sendLateness) {
    }
}
