package dev.parley.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything one event loop of the load generator owns: its members, the pacing ticker that makes
 * them send, and the counters and histograms of what they sent and received. Only ever touched on
 * that loop's thread; read by the main thread through {@link #snapshot()} run on the loop.
 */
final class LoopState {
    final EventLoop loop;
    final List<LoadMember> members = new ArrayList<>();
    private final long periodNanos;
    private final int datagramSize;
    // measurement window on the senders' clock (System.nanoTime of this JVM); set before the ticker starts
    private long windowStart = Long.MAX_VALUE;
    private long windowEnd = Long.MAX_VALUE;
    private boolean sending;
    private ScheduledFuture<?> ticker;

    private long sentTotal;
    private long sentInWindow;
    private long receivedTotal;
    private long deliveredInWindow;
    private long wrongRoom;
    private long malformed;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram sendLateness = new LatencyHistogram();

    LoopState(EventLoop loop, long periodNanos, int datagramSize) {
        this.loop = loop;
        this.periodNanos = periodNanos;
        this.datagramSize = datagramSize;
    }

    /** Starts pacing on the loop: member i's packets go out at start + phase_i + k * period. */
    void start(long startNanos, long windowStart, long windowEnd, long tickMicros) {
        loop.execute(() -> {
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            for (LoadMember m : members) {
                m.nextSendNanos = startNanos + m.phaseNanos;
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
        }
    }

    /** A media datagram arrived for a member of this loop whose room is {@code roomId}. */
    void onDatagram(ByteBuf buf, long roomId) {
        long now = System.nanoTime();
        receivedTotal++;
        int ri = buf.readerIndex();
        if (buf.readableBytes() != datagramSize || buf.getUnsignedShort(ri) != 0xBEEF) {
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
            latency.recordNanos(now - ts);
        }
    }

    /** Counters of this loop; run on the loop. */
    Snapshot snapshot() {
        return new Snapshot(sentTotal, sentInWindow, receivedTotal, deliveredInWindow, wrongRoom, malformed,
                latency.copy(), sendLateness.copy());
    }

    record Snapshot(long sentTotal, long sentInWindow, long receivedTotal, long deliveredInWindow, long wrongRoom,
                    long malformed, LatencyHistogram latency, LatencyHistogram sendLateness) {
    }
}
