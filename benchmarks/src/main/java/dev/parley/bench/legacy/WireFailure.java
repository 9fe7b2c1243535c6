package dev.parley.bench.legacy;

import dev.parley.common.domain.DecodeError;

/** Unwinds a decoder to its public entry point, where it becomes a {@code Decoded.Failed}; never escapes the package. */
final class WireFailure extends RuntimeException {
    private final transient DecodeError error;

    WireFailure(DecodeError.Reason reason, String message) {
        super(message, null, false, false);
        this.error = DecodeError.of(reason, message);
    }

    DecodeError error() {
        return error;
    }
}
