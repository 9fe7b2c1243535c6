package dev.parley.common.video;

import java.util.Optional;

/** The codec byte of a video chunk (PROTOCOL.md section 6). */
public enum VideoCodec {
    VP8(1),
    JPEG(2),
    H264(3);

    private final int wireValue;

    VideoCodec(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The byte on the wire. */
    public int wireValue() {
        return wireValue;
    }

    /** The codec of a wire byte, or empty for a byte no codec has. */
    public static Optional<VideoCodec> fromWire(int value) {
        for (VideoCodec c : values()) {
            if (c.wireValue == value) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
