package dev.parley.common.call;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a session refused or lost, by reason: the evidence that forged, replayed or broken input
 * was dropped. Thread-safe; read by tests, the stats line and logs.
 */
public final class CallCounters {

    /** Why something was dropped or refused. */
    public enum Reason {
        DATAGRAM_MALFORMED,
        DATAGRAM_WRONG_ROOM,
        DATAGRAM_UNKNOWN_SENDER,
        DATAGRAM_UNVERIFIED_SENDER,
        DATAGRAM_NO_KEY,
        DATAGRAM_AUTH_FAILED,
        DATAGRAM_REPLAYED,
        DATAGRAM_LATE,
        DATAGRAM_DUPLICATE,
        DATAGRAM_QUEUE_FULL,
        DATAGRAM_INJECTED_LOSS,
        VIDEO_CHUNK_MALFORMED,
        VIDEO_UNDECODABLE,
        CONTROL_MALFORMED,
        CONTROL_UNEXPECTED,
        PEER_FAILED_VERIFICATION,
        KEY_MESSAGE_DROPPED,
        SEND_REFUSED
    }

    private final AtomicLongArray counts = new AtomicLongArray(Reason.values().length);

    void increment(Reason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(Reason reason) {
        return counts.get(reason.ordinal());
    }

    /** A copy of every non-zero counter. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> m = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            long v = counts.get(r.ordinal());
            if (v != 0) {
                m.put(r, v);
            }
        }
        return m;
    }
}
