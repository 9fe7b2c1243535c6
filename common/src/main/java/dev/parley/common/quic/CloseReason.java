package dev.parley.common.quic;

/**
 * Why a {@link RelayConnection} ended.
 *
 * @param kind who or what ended it
 * @param code for {@link Kind#REMOTE}: the peer's application or transport error code (the Parley
 *             relay uses its {@code Error} code, 0 for a normal close); otherwise 0
 * @param message the peer's reason phrase, or a description of the local cause
 */
public record CloseReason(Kind kind, long code, String message) {

    public enum Kind {
        /** {@link RelayConnection#close()} was called. */
        LOCAL,
        /** The relay closed the connection (CONNECTION_CLOSE). */
        REMOTE,
        /** Nothing was heard from the relay for the idle timeout. */
        IDLE_TIMEOUT,
        /** The transport failed, or the relay broke the framing of the control stream. */
        ERROR
    }

    public static CloseReason local() {
        return new CloseReason(Kind.LOCAL, 0, "closed locally");
    }

    public static CloseReason error(String message) {
        return new CloseReason(Kind.ERROR, 0, message);
    }
}
