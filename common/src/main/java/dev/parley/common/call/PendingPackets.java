package dev.parley.common.call;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Datagrams from a verified peer that arrived before the key they were sealed with (PROTOCOL.md
 * section 6 receiver rules): at most {@code capacity} per sender, each for at most {@code maxAge}.
 * Owned by the receive thread.
 */
final class PendingPackets {
    /** A held datagram and when it arrived. */
    record Held(byte[] datagram, long arrivalNanos, long keyId) {
    }

    private final int capacity;
    private final long maxAgeNanos;
    private final Deque<Held> held = new ArrayDeque<>();
    private long dropped;

    PendingPackets(int capacity, long maxAgeNanos) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** Holds a datagram; when full, the oldest one is dropped and counted. */
    void hold(byte[] datagram, long arrivalNanos, long keyId) {
        if (held.size() == capacity) {
            held.pollFirst();
            dropped++;
        }
        held.addLast(new Held(datagram, arrivalNanos, keyId));
    }

    /** Removes and returns held datagrams that can now be tried (their key arrived), dropping expired ones. */
    List<Held> release(java.util.function.LongPredicate keyKnown, long now) {
        if (held.isEmpty()) {
            return List.of();
        }
        List<Held> ready = new ArrayList<>();
        var it = held.iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (keyKnown.test(h.keyId())) {
                ready.add(h);
                it.remove();
            } else if (now - h.arrivalNanos() > maxAgeNanos) {
                it.remove();
                dropped++;
            }
        }
        return ready;
    }

    long dropped() {
        return dropped;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }
}
