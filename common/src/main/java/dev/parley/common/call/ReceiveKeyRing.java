package dev.parley.common.call;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The keys we hold from one sender (PROTOCOL.md section 7): only ids above the highest accepted so
 * far are taken, at most {@code maxKeys} newest are kept, and a key is erased {@code retention}
 * after a newer key from the same sender first decrypted a packet. Thread-safe.
 *
 * @param <K> the key material (a media cipher), erased through the callback
 */
public final class ReceiveKeyRing<K> {
    private static final class Slot<K> {
        final K key;
        long supersededAt = -1;

        Slot(K key) {
            this.key = key;
        }
    }

    private final TreeMap<Long, Slot<K>> keys = new TreeMap<>();
    private final int maxKeys;
    private final long retentionNanos;
    private final Consumer<K> eraser;
    private long highestAccepted = -1;
    private long newestUsed = -1;

    public ReceiveKeyRing(int maxKeys, long retentionNanos, Consumer<K> eraser) {
        this.maxKeys = maxKeys;
        this.retentionNanos = retentionNanos;
        this.eraser = eraser;
    }

    /** True when a key message with this id would be new (greater than every id accepted before). */
    public synchronized boolean isNew(long keyId) {
        return keyId > highestAccepted;
    }

    /** The highest key id accepted, or -1. */
    public synchronized long highestAccepted() {
        return highestAccepted;
    }

    /** Stores a key whose id {@link #isNew}; drops the oldest beyond the limit. */
    public synchronized void add(long keyId, K key) {
        if (keyId <= highestAccepted) {
            throw new IllegalArgumentException("key id " + keyId + " is not newer than " + highestAccepted);
        }
        highestAccepted = keyId;
        keys.put(keyId, new Slot<>(key));
        while (keys.size() > maxKeys) {
            eraser.accept(keys.pollFirstEntry().getValue().key);
        }
    }

    /** The key with this id, or null. */
    public synchronized K get(long keyId) {
        Slot<K> slot = keys.get(keyId);
        return slot == null ? null : slot.key;
    }

    /** Records that {@code keyId} decrypted a packet at {@code now}; starts the retention clock of older keys. */
    public synchronized void decrypted(long keyId, long now) {
        if (keyId <= newestUsed) {
            return;
        }
        newestUsed = keyId;
        for (Map.Entry<Long, Slot<K>> e : keys.headMap(keyId, false).entrySet()) {
            if (e.getValue().supersededAt < 0) {
                e.getValue().supersededAt = now;
            }
        }
    }

    /** Erases keys whose retention has run out at {@code now}. */
    public synchronized void expire(long now) {
        Iterator<Slot<K>> it = keys.values().iterator();
        while (it.hasNext()) {
            Slot<K> slot = it.next();
            if (slot.supersededAt >= 0 && now - slot.supersededAt >= retentionNanos) {
                eraser.accept(slot.key);
                it.remove();
            }
        }
    }

    /** Number of keys held. */
    public synchronized int size() {
        return keys.size();
    }

    /** Erases everything (peer left, call ended). */
    public synchronized void clear() {
        keys.values().forEach(s -> eraser.accept(s.key));
        keys.clear();
    }
}
