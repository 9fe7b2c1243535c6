package dev.parley.common.domain;

/**
 * A room's public identifier, derived from the room secret (PROTOCOL.md section 2). Range 0..2^63-1.
 */
public record RoomId(long value) {
    public RoomId {
        if (value < 0) {
            throw new IllegalArgumentException("room_id must be in 0..2^63-1");
        }
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
