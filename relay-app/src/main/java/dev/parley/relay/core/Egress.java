package dev.parley.relay.core;

import dev.parley.relay.ops.RelayMetrics;
import dev.parley.relay.ops.RelayMetrics.DatagramDrop;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicChannel;

/**
 * One member's outgoing media: a bounded queue of datagrams waiting to be handed to QUIC, each
 * with the time it was queued.
 *
 * <p>quiche accepts datagrams without back-pressure and, when congestion control holds them,
 * keeps them in its own queue with no age limit, silently dropping new ones once that queue is
 * full (FACTS.md). So the relay hands a member's datagrams to quiche only while its estimate of
 * what quiche still holds for that member ({@link #inQuiche}) is below {@code maxQuicBacklog}.
 * The estimate grows by each datagram handed over and shrinks by every UDP packet quiche emits to
 * the member ({@link #emitted}, reported by the server's outbound packet tracker); packet overhead
 * makes it err towards "sent", never towards "stuck". Whatever waits beyond that stays here,
 * where a datagram older than {@code maxQueueDelay} is dropped for this member only, and a full
 * queue drops its oldest datagram. Nothing here ever blocks, and one member's queue never affects
 * another's.
 *
 * <p>Event-loop confined.
 */
public final class Egress {

    /** Limits of every member's queue. */
    public record Config(long maxQueueDelayNanos, int maxQueueDatagrams, long maxQuicBacklogBytes,
                         RelayMetrics metrics) {
    }

    private static final int INITIAL_CAPACITY = 16;

    private final Session owner;
    private final Config config;
    // ring buffer, grown by doubling up to maxQueueDatagrams: most members never queue much
    private ByteBuf[] datagrams;
    private long[] queuedAt;
    private Session[] senders;
    private int head;
    private int size;
    private long inQuiche;
    // listed by the Forwarder for the next flush or coalescing window, which drains it
    boolean dirty;
    // listed by the Forwarder for its retry timer
    boolean pending;

    Egress(Session owner, Config config) {
        this.owner = owner;
        this.config = config;
        int capacity = Math.min(INITIAL_CAPACITY, config.maxQueueDatagrams());
        this.datagrams = new ByteBuf[capacity];
        this.queuedAt = new long[capacity];
        this.senders = new Session[capacity];
    }

    /** Members in the owner's room, 0 when it is in none. */
    int roomSize() {
        Room room = owner.room;
        return room == null ? 0 : room.size();
    }

    /** Datagrams waiting in the relay's queue for this member. */
    public int queued() {
        return size;
    }

    /** Estimated datagram bytes handed to quiche and not yet sent. */
    public long inQuiche() {
        return inQuiche;
    }

    /** Queues a datagram (ownership passes here); a full queue first drops its oldest datagram. */
    void offer(ByteBuf datagram, Session sender, long now) {
        if (size == datagrams.length) {
            if (size < config.maxQueueDatagrams()) {
                grow();
            } else {
                releaseHead();
                config.metrics().dropped(DatagramDrop.QUEUE_FULL);
            }
        }
        int tail = (head + size) % datagrams.length;
        datagrams[tail] = datagram;
        queuedAt[tail] = now;
        senders[tail] = sender;
        size++;
    }

    /** quiche sent a UDP packet of {@code bytes} to this member. */
    void emitted(int bytes) {
        inQuiche = Math.max(0, inQuiche - bytes);
    }

    /**
     * Drops what has waited too long, then hands datagrams to quiche while its backlog allows and
     * flushes. Returns true when datagrams remain queued (retry later).
     */
    boolean drain(long now) {
        QuicChannel quic = owner.quic;
        if (!quic.isActive() || owner.isClosing()) {
            clear(DatagramDrop.RECEIVER_GONE);
            return false;
        }
        expire(now);
        while (size > 0 && inQuiche < config.maxQuicBacklogBytes()) {
            do {
                ByteBuf d = datagrams[head];
                int bytes = d.readableBytes();
                datagrams[head] = null;
                senders[head] = null;
                head = (head + 1) % datagrams.length;
                size--;
                inQuiche += bytes;
                config.metrics().datagramOut(bytes);
                quic.write(d, quic.voidPromise());
            } while (size > 0 && inQuiche < config.maxQuicBacklogBytes());
            // quiche sends now what congestion control allows; the packet tracker credits it back
            // synchronously, so a healthy member's backlog is near zero again after this
            quic.flush();
        }
        return size > 0;
    }

    /** Drops every queued datagram from {@code sender} (it left; PeerLeft must come after them). */
    void purgeFrom(Session sender) {
        if (size == 0) {
            return;
        }
        int kept = 0;
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            int at = (head + i) % datagrams.length;
            if (senders[at] == sender) {
                datagrams[at].release();
                dropped++;
            } else {
                int to = (head + kept) % datagrams.length;
                datagrams[to] = datagrams[at];
                queuedAt[to] = queuedAt[at];
                senders[to] = senders[at];
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            int at = (head + i) % datagrams.length;
            datagrams[at] = null;
            senders[at] = null;
        }
        size = kept;
        if (dropped > 0) {
            config.metrics().dropped(DatagramDrop.SENDER_LEFT, dropped);
        }
    }

    /** Releases everything queued, counting it under {@code reason}. */
    void clear(DatagramDrop reason) {
        int dropped = size;
        while (size > 0) {
            releaseHead();
        }
        if (dropped > 0) {
            config.metrics().dropped(reason, dropped);
        }
    }

    private void expire(long now) {
        int dropped = 0;
        while (size > 0 && now - queuedAt[head] > config.maxQueueDelayNanos()) {
            releaseHead();
            dropped++;
        }
        if (dropped > 0) {
            config.metrics().dropped(DatagramDrop.QUEUE_DELAY, dropped);
        }
    }

    private void grow() {
        int capacity = Math.min(datagrams.length * 2, config.maxQueueDatagrams());
        ByteBuf[] d = new ByteBuf[capacity];
        long[] t = new long[capacity];
        Session[] s = new Session[capacity];
        for (int i = 0; i < size; i++) {
            int at = (head + i) % datagrams.length;
            d[i] = datagrams[at];
            t[i] = queuedAt[at];
            s[i] = senders[at];
        }
        datagrams = d;
        queuedAt = t;
        senders = s;
        head = 0;
    }

    private void releaseHead() {
        datagrams[head].release();
        datagrams[head] = null;
        senders[head] = null;
        head = (head + 1) % datagrams.length;
        size--;
    }
}
