package dev.parley.common.domain;

/**
 * A sender key's id: starts at 0 for each join and grows by one per rotation. Range 0..2^32-1.
 */
public record KeyId(long value) implements Comparable<KeyId> {
    public static final long MAX = 0xFFFF_FFFFL;

    public KeyId {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("key_id must be in 0..2^32-1");
        }
    }

    public KeyId next() {
        return new KeyId(value + 1);
    }

    @Override
    public int compareTo(KeyId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
