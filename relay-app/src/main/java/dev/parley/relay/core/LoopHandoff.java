package dev.parley.relay.core;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything one event loop hands to another, in the order it was handed: media datagrams for the
 * members the other loop serves, and actions to run there (control messages for its members,
 * their part of a member's leaving). A single-producer single-consumer queue: only the source loop
 * adds, only the destination loop takes.
 *
 * <p>Entries live in preallocated chunks of parallel arrays, so handing over a datagram allocates
 * nothing; a chunk the destination has emptied goes back to the source as its next one. The
 * source {@linkplain #publish() publishes} what it added once per read batch, and then at most one
 * drain task per queue waits in the destination's task queue: one task per batch, not per
 * datagram, and no lock anywhere. Because media and actions share one queue, the destination sees
 * them exactly in the order the source produced them; the rules of PROTOCOL.md 5.2 depend on that.
 *
 * <p>Time spent here counts like time in a socket's receive buffer on a single loop: a datagram's
 * age in a member's queue starts when the member's loop takes it. What bounds it is
 * {@link #MAX_BACKLOG}: a destination that falls that far behind (it is starved of CPU) loses the
 * newest datagrams, counted per member as {@code queue_full}, while actions are never dropped.
 */
final class LoopHandoff {
    private static final Logger LOG = LoggerFactory.getLogger(LoopHandoff.class);
    static final int CHUNK = 256;
    /** Entries the destination may be behind before new datagrams are dropped: a quarter of a second at 64k/s. */
    static final int MAX_BACKLOG = 16 * 1024;

    /** Where the destination loop puts what it takes. */
    interface Receiver {
        /** One datagram for the receiver's members of {@code room} other than {@code sender}; takes ownership. */
        void media(ByteBuf datagram, Session sender, Room room, long nowNanos);

        /** Everything published so far has been taken. */
        void drained();
    }

    private static final class Chunk {
        final ByteBuf[] datagrams = new ByteBuf[CHUNK];
        final Session[] senders = new Session[CHUNK];
        final Room[] rooms = new Room[CHUNK];
        final Runnable[] actions = new Runnable[CHUNK];
        // written by the producer before the entries of the next chunk are published
        Chunk next;
    }

    private final EventLoop source;
    private final EventLoop destination;
    private final Receiver receiver;
    private final Runnable drainTask = this::drain;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicReference<Chunk> spare = new AtomicReference<>();
    // producer (source loop) only
    private Chunk tail;
    private int tailIndex;
    private long produced;
    private long lastPublished;
    // consumer (destination loop) only
    private Chunk head;
    private int headIndex;
    private long consumed;

    LoopHandoff(EventLoop source, EventLoop destination, Receiver receiver) {
        this.source = source;
        this.destination = destination;
        this.receiver = receiver;
        this.tail = new Chunk();
        this.head = tail;
    }

    /**
     * Source loop: one datagram (ownership passes here) for the destination's members of
     * {@code room}; false when the destination is {@link #MAX_BACKLOG} behind and it was dropped.
     */
    boolean media(ByteBuf datagram, Session sender, Room room) {
        assert source.inEventLoop() : "handoff fed off its source loop";
        if (produced - taken.get() >= MAX_BACKLOG) {
            datagram.release();
            return false;
        }
        int i = slot();
        tail.datagrams[i] = datagram;
        tail.senders[i] = sender;
        tail.rooms[i] = room;
        produced++;
        return true;
    }

    /** Source loop: runs {@code action} on the destination after everything added before it; published at once. */
    void action(Runnable action) {
        assert source.inEventLoop() : "handoff fed off its source loop";
        int i = slot();
        tail.actions[i] = action;
        produced++;
        publish();
    }

    /** Source loop: makes everything added so far visible to the destination and makes sure it drains. */
    void publish() {
        if (produced == lastPublished) {
            return;
        }
        lastPublished = produced;
        published.set(produced);
        // the destination clears the flag before it reads `published`: either it sees these
        // entries, or this sees the flag clear and schedules another drain
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                destination.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // the relay is stopping and the destination loop with it
                LOG.debug("cross-loop handoff after the destination loop stopped");
            }
        }
    }

    private int slot() {
        if (tailIndex == CHUNK) {
            Chunk next = spare.getAndSet(null);
            if (next == null) {
                next = new Chunk();
            }
            tail.next = next;
            tail = next;
            tailIndex = 0;
        }
        return tailIndex++;
    }

    /** Destination loop: takes everything published. */
    private void drain() {
        assert destination.inEventLoop();
        drainScheduled.set(false);
        long upTo = published.get();
        long now = System.nanoTime();
        while (consumed < upTo) {
            if (headIndex == CHUNK) {
                Chunk done = head;
                head = done.next;
                headIndex = 0;
                done.next = null;
                spare.set(done);
            }
            int i = headIndex++;
            consumed++;
            Runnable action = head.actions[i];
            if (action != null) {
                head.actions[i] = null;
                runSafely(action);
            } else {
                ByteBuf d = head.datagrams[i];
                Session sender = head.senders[i];
                Room room = head.rooms[i];
                head.datagrams[i] = null;
                head.senders[i] = null;
                head.rooms[i] = null;
                receiver.media(d, sender, room, now);
            }
        }
        taken.lazySet(consumed);
        receiver.drained();
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // one member's failure must not stop the queue: what follows is other members' traffic
            LOG.warn("cross-loop action failed", e);
        }
    }
}
