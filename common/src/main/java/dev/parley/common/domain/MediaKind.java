package dev.parley.common.domain;

/** The {@code kind} byte of a media datagram. */
public enum MediaKind {
    AUDIO(1),
    VIDEO(2);

    private final int wire;

    MediaKind(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** The kind for a wire byte, or null when it is neither 1 nor 2. */
    public static MediaKind fromWire(int b) {
        return switch (b) {
            case 1 -> AUDIO;
            case 2 -> VIDEO;
            default -> null;
        };
    }
}
