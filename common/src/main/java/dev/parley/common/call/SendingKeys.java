package dev.parley.common.call;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Which of our own keys encrypts outgoing media right now. A key announced by KeyRotate takes over
 * only after the switch delay (PROTOCOL.md section 7), so receivers have it before it is used; a
 * key announced on join is used at once. Thread-safe: the control thread adds keys, the capture
 * thread asks for the current one.
 *
 * @param <K> the key material (a media cipher), erased through the callback once superseded
 */
public final class SendingKeys<K> {

    /** A key and the id it is announced under. */
    public record Entry<K>(long keyId, K key, long activeFrom) {
    }

    private final Deque<Entry<K>> upcoming = new ArrayDeque<>();
    private final Consumer<K> eraser;
    private Entry<K> current;

    public SendingKeys(Consumer<K> eraser) {
        this.eraser = eraser;
    }

    /** Adds a key that becomes current at {@code activeFrom} (nanoTime), or at once if that is not later than now. */
    public synchronized void add(long keyId, K key, long activeFrom) {
        upcoming.addLast(new Entry<>(keyId, key, activeFrom));
    }

    /** The key to encrypt with at {@code now}, or null before any key exists. Promotes due keys. */
    public synchronized Entry<K> current(long now) {
        while (!upcoming.isEmpty() && upcoming.peekFirst().activeFrom() <= now) {
            Entry<K> next = upcoming.pollFirst();
            if (current != null) {
                eraser.accept(current.key());
            }
            current = next;
        }
        return current;
    }

    /** The newest key id announced, current or upcoming, or -1. */
    public synchronized long newestKeyId() {
        if (!upcoming.isEmpty()) {
            return upcoming.peekLast().keyId();
        }
        return current == null ? -1 : current.keyId();
    }

    /** Erases every key (end of the call). */
    public synchronized void clear() {
        if (current != null) {
            eraser.accept(current.key());
            current = null;
        }
        upcoming.forEach(e -> eraser.accept(e.key()));
        upcoming.clear();
    }
}
