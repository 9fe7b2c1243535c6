package dev.parley.relay.core;

import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.wire.MediaDatagrams;
import dev.parley.relay.ops.RelayMetrics;
import dev.parley.relay.ops.RelayMetrics.DatagramDrop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of forwarding: the media datagrams of the connections it owns, and the
 * egress queues of the members it serves. A datagram goes straight into the queues of this loop's
 * members of the room and, once per other loop that serves members of it, into the
 * {@link LoopHandoff} to that loop, which puts it into its members' queues when it drains (the
 * datagram's bytes are shared, never copied). Queues touched since the last flush are drained once
 * per read batch ({@link #flush()}) or once per coalescing window, so the datagrams several
 * senders sent to one member leave in one QUIC packet; queues that could not be emptied are
 * retried on a short timer. Each member's queue thus keeps its rules (age limit, bound, drop
 * reasons, window) on its own loop, wherever its senders are.
 *
 * <p>Confined to its loop: no locks.
 */
final class ForwardingLoop implements LoopHandoff.Receiver {

    /** Something to do for one loop's members of a room, on that loop. */
    interface MembersAction {
        void run(ForwardingLoop loop, Session[] members);
    }

    private final int index;
    private final EventLoop loop;
    private final Forwarder forwarder;
    private final RelayMetrics metrics;
    private final List<Egress> dirty = new ArrayList<>();
    private final List<Egress> coalescing = new ArrayList<>();
    private final List<Egress> pending = new ArrayList<>();
    private final List<Egress> retrying = new ArrayList<>();
    private ForwardingLoop[] lanes = {this};
    // towards each other loop, by its index; null at this loop's own index
    private LoopHandoff[] out = {null};
    private boolean retryScheduled;
    private boolean coalesceScheduled;

    ForwardingLoop(int index, EventLoop loop, Forwarder forwarder) {
        this.index = index;
        this.loop = loop;
        this.forwarder = forwarder;
        this.metrics = forwarder.metrics;
    }

    /** Creates the handoffs from this loop to every other; called once, before any traffic. */
    void connect(ForwardingLoop[] all) {
        lanes = all;
        out = new LoopHandoff[all.length];
        for (int i = 0; i < all.length; i++) {
            if (i != index) {
                out[i] = new LoopHandoff(loop, all[i].loop, all[i]);
            }
        }
    }

    int index() {
        return index;
    }

    EventLoop loop() {
        return loop;
    }

    /** One datagram received on a connection this loop owns; takes ownership of {@code datagram}. */
    void onDatagram(Session from, ByteBuf datagram) {
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
                if (from.media.abusiveSeconds() >= forwarder.abuseSeconds) {
                    forwarder.abuseHandler.mediaAbuse(from);
                }
                return;
            }
            Room.Members members = room.snapshot();
            for (Session to : members.on(index)) {
                if (to != from) {
                    queue(to, datagram.retainedDuplicate(), from, now);
                }
            }
            for (int d = 0; d < members.loops(); d++) {
                int there = members.on(d).length;
                if (d != index && there > 0 && !out[d].media(datagram.retain(), from, room)) {
                    metrics.dropped(DatagramDrop.QUEUE_FULL, there);
                }
            }
        } finally {
            datagram.release();
        }
    }

    /** A datagram another loop received, for this loop's members of {@code room}. */
    @Override
    public void media(ByteBuf datagram, Session sender, Room room, long nowNanos) {
        try {
            for (Session to : room.snapshot().on(index)) {
                if (to != sender) {
                    queue(to, datagram.retainedDuplicate(), sender, nowNanos);
                }
            }
        } finally {
            datagram.release();
        }
    }

    /** A batch from another loop has been taken: drain it like a read batch of this loop's own. */
    @Override
    public void drained() {
        flush();
    }

    private void queue(Session to, ByteBuf datagram, Session from, long nowNanos) {
        to.egress.offer(datagram, from, nowNanos);
        if (!to.egress.dirty) {
            to.egress.dirty = true;
            dirty.add(to.egress);
        }
    }

    /**
     * Runs {@code action} for each loop's members among {@code members}: at once for this loop's,
     * and for another loop's on that loop, after everything this loop has handed it so far.
     */
    void forEachLoop(Room.Members members, MembersAction action) {
        for (int d = 0; d < members.loops(); d++) {
            Session[] on = members.on(d);
            if (on.length == 0) {
                continue;
            }
            if (d == index) {
                action.run(this, on);
            } else {
                ForwardingLoop there = lanes[d];
                out[d].action(() -> action.run(there, on));
            }
        }
    }

    /** Runs {@code action} on {@code target}'s loop: at once if it is this one, else after what this loop handed it so far. */
    void onLoopOf(Session target, Runnable action) {
        int d = target.loop();
        if (d == index) {
            action.run();
        } else {
            out[d].action(action);
        }
    }

    /**
     * Called at the end of each read batch: hands what this batch forwarded to other loops over to
     * them, then drains every queue of this loop touched since the last flush. With a coalescing
     * window, the queues of members of rooms of three or more wait until the window that the first
     * of them opened closes; in a room of two only one member sends to each, so there is nothing
     * to wait for.
     */
    void flush() {
        for (LoopHandoff h : out) {
            if (h != null) {
                h.publish();
            }
        }
        if (dirty.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long coalesceNanos = forwarder.coalesceNanos;
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
    void emitted(Session session, int bytes) {
        Egress e = session.egress;
        e.emitted(bytes);
        if (e.queued() > 0) {
            markPending(e);
        }
    }

    /**
     * {@code leaver} has left: hand what this loop's {@code members} have queued to QUIC where it
     * takes it now, and drop what is still queued from the leaver, so that a PeerLeft written next
     * goes out after the last datagram forwarded from it.
     */
    void senderLeft(Session leaver, Session[] members) {
        long now = System.nanoTime();
        for (Session other : members) {
            if (other != leaver) {
                if (other.egress.queued() > 0 && other.egress.drain(now)) {
                    markPending(other.egress);
                }
                other.egress.purgeFrom(leaver);
            }
        }
    }

    private void markPending(Egress e) {
        if (!e.pending) {
            e.pending = true;
            pending.add(e);
        }
        if (!retryScheduled && loop != null) {
            retryScheduled = true;
            loop.schedule(this::retry, forwarder.retryNanos, TimeUnit.NANOSECONDS);
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
