package dev.parley.common.domain;

/**
 * A member's id inside one room, assigned by the relay. Range 1..2^63-1.
 */
public record PeerId(long value) {
    public PeerId {
        if (value <= 0) {
            throw new IllegalArgumentException("peer id must be in 1..2^63-1");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
