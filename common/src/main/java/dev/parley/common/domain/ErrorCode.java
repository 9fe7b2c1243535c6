package dev.parley.common.domain;

import java.util.Optional;

/** The relay's error codes (PROTOCOL.md section 5.2). */
public enum ErrorCode {
    PROTOCOL_VIOLATION(1),
    UNAUTHORIZED(2),
    ROOM_FULL(3),
    UNSUPPORTED_VERSION(4),
    RATE_LIMITED(5),
    JOIN_TIMEOUT(6),
    SHUTTING_DOWN(7);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ErrorCode> of(long code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
