package dev.parley.common.call;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ErrorCode;

/** Sentences for a person about the relay's Error codes (PROTOCOL.md section 5.2). */
final class RelayErrors {
    private RelayErrors() {
    }

    static String describe(ControlMessage.Error error) {
        return describe(error.code(), error.message());
    }

    static String describe(long code, String detail) {
        String text = ErrorCode.of(code).map(c -> switch (c) {
            case PROTOCOL_VIOLATION -> "The relay did not understand this client (protocol violation).";
            case UNAUTHORIZED -> "The relay refused the access token. Ask whoever runs the relay for a valid invite.";
            case ROOM_FULL -> "The room is full.";
            case UNSUPPORTED_VERSION -> "The relay speaks another version of the Parley protocol.";
            case RATE_LIMITED -> "The relay cut the connection because too much was sent too fast.";
            case JOIN_TIMEOUT -> "The relay gave up waiting for this client to join.";
            case SHUTTING_DOWN -> "The relay is shutting down.";
        }).orElse("The relay ended the call (error " + code + ").");
        return detail == null || detail.isBlank() ? text : text + " (" + detail + ")";
    }
}
