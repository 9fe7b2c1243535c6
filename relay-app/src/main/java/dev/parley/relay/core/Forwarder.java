package dev.parley.relay.core;

import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.wire.MediaDatagrams;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.ops.RelayMetrics;
import dev.parley.relay.ops.RelayMetrics.DatagramDrop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Media datagrams (PROTOCOL.md section 6, relay rules): checks each one against its connection and
 * queues the same bytes, never copied, for every other member of the room; each member's
 * {@link Egress} then hands them to QUIC. Queues touched while reading are drained once per read
 * batch ({@link #flush()}), or once per coalescing window when one is configured, so that the
 * datagrams several senders sent to one member leave in one QUIC packet; queues that could not be
 * emptied are retried on a short timer.
 *
 * <p>Everything runs on the QUIC event loop: no locks.
 */
@Component
public class Forwarder {
    private final RelayMetrics metrics;
    private final Egress.Config egressConfig;
    private final long retryNanos;
    private final int abuseSeconds;
    private final long coalesceNanos;
    private final List<Egress> dirty = new ArrayList<>();
    private final List<Egress> coalescing = new ArrayList<>();
    private final List<Egress> pending = new ArrayList<>();
    private final List<Egress> retrying = new ArrayList<>();
    private EventLoop loop;
    private boolean retryScheduled;
    private boolean coalesceScheduled;
    private AbuseHandler abuseHandler = s -> { };

    /** Told when a member has sent media above its rate limit for too long. */
    public interface AbuseHandler {
        void mediaAbuse(Session session);
    }

    public Forwarder(RelayProperties properties, RelayMetrics metrics) {
        this.metrics = metrics;
        RelayProperties.Egress e = properties.egress();
        this.egressConfig = new Egress.Config(e.maxQueueDelay().toNanos(), e.maxQueueDatagrams(),
                e.maxQuicBacklog().toBytes(), metrics);
        this.retryNanos = e.retryInterval().toNanos();
        this.abuseSeconds = properties.limits().abuseSeconds();
        this.coalesceNanos = e.coalesceWindow().toNanos();
    }

    Egress.Config egressConfig() {
        return egressConfig;
    }

    /** The loop everything runs on; set by the server before it binds. */
    public void attach(EventLoop loop, AbuseHandler abuseHandler) {
        this.loop = loop;
        this.abuseHandler = abuseHandler;
    }

    /** One datagram received on a connection; takes ownership of {@code datagram}. */
    public void onDatagram(Session from, ByteBuf datagram) {
        try {
            int length = datagram.readableBytes();
            if (QuicTransport.isKeepAlive(datagram)) {
                metrics.keepAlive();
                return;
            }
            metrics.datagramIn(length);
            if (!from.isJoined()) {
                metrics.dropped(DatagramDrop.NOT_JOINED);
                return;
            }
            Decoded<MediaHeader> header = MediaDatagrams.parse(datagram.nioBuffer(datagram.readerIndex(), length));
            if (!(header instanceof Decoded.Ok<MediaHeader> ok)) {
                metrics.dropped(DatagramDrop.MALFORMED);
                return;
            }
            Room room = from.room;
            if (ok.value().roomId() != room.id().value()) {
                metrics.dropped(DatagramDrop.WRONG_ROOM);
                return;
            }
            if (ok.value().senderId() != from.peerId) {
                metrics.dropped(DatagramDrop.WRONG_SENDER);
                return;
            }
            long now = System.nanoTime();
            if (!from.media.tryAcquire(length, now)) {
                metrics.dropped(DatagramDrop.RATE_LIMITED);
                if (from.media.abusiveSeconds() >= abuseSeconds) {
                    abuseHandler.mediaAbuse(from);
                }
                return;
            }
            for (Session to : room.members()) {
                if (to != from) {
                    to.egress.offer(datagram.retainedDuplicate(), from, now);
                    if (!to.egress.dirty) {
                        to.egress.dirty = true;
                        dirty.add(to.egress);
                    }
                }
            }
        } finally {
            datagram.release();
        }
    }

    /**
     * Called at the end of each read batch: drains every queue touched since the last flush. With a
     * coalescing window, the queues of members of rooms of three or more wait until the window that
     * the first of them opened closes; in a room of two only one member sends to each, so there is
     * nothing to wait for.
     */
    public void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < dirty.size(); i++) {
            Egress e = dirty.get(i);
            if (coalesceNanos > 0 && loop != null && e.roomSize() > 2) {
                // stays dirty until the window closes, so that it is listed once
                coalescing.add(e);
            } else {
                drainNow(e, now);
            }
        }
        dirty.clear();
        if (!coalescing.isEmpty() && !coalesceScheduled) {
            coalesceScheduled = true;
            loop.schedule(this::coalesced, coalesceNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void coalesced() {
        coalesceScheduled = false;
        long now = System.nanoTime();
        for (int i = 0; i < coalescing.size(); i++) {
            drainNow(coalescing.get(i), now);
        }
        coalescing.clear();
    }

    /** Drains a queue that is no longer listed for a flush or a window; retries it if some is left. */
    private void drainNow(Egress e, long now) {
        e.dirty = false;
        if (e.drain(now)) {
            markPending(e);
        }
    }

    /** quiche sent {@code bytes} to {@code session}: credit its backlog; retry it soon if it waits. */
    public void emitted(Session session, int bytes) {
        Egress e = session.egress;
        e.emitted(bytes);
        if (e.queued() > 0) {
            markPending(e);
        }
    }

    /**
     * A member is leaving: hand its queued datagrams to the others where QUIC takes them now, drop
     * what is still queued, so that its PeerLeft goes out after the last datagram forwarded from it.
     */
    void senderLeaving(Session leaver, Room room) {
        long now = System.nanoTime();
        for (Session other : room.members()) {
            if (other != leaver) {
                if (other.egress.queued() > 0 && other.egress.drain(now)) {
                    markPending(other.egress);
                }
                other.egress.purgeFrom(leaver);
            }
        }
    }

    /** A connection is gone: release what was queued for it. */
    void closed(Session session) {
        session.egress.clear(DatagramDrop.RECEIVER_GONE);
    }

    private void markPending(Egress e) {
        if (!e.pending) {
            e.pending = true;
            pending.add(e);
        }
        if (!retryScheduled && loop != null) {
            retryScheduled = true;
            loop.schedule(this::retry, retryNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void retry() {
        retryScheduled = false;
        retrying.addAll(pending);
        pending.clear();
        long now = System.nanoTime();
        for (Egress e : retrying) {
            e.pending = false;
            // a queue waiting for its flush or coalescing window drains there, and is retried from
            // there if some is left: retried here, it would leave before its window closes
            if (!e.dirty) {
                drainNow(e, now);
            }
        }
        retrying.clear();
    }
}
