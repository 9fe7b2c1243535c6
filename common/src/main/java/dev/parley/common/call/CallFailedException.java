package dev.parley.common.call;

/** A call that ended before or instead of joining; the message is a sentence for a person. */
public final class CallFailedException extends Exception {

    /** What went wrong, so that a UI can offer the right way forward. */
    public enum Kind {
        /** The relay did not answer, or its address does not resolve. */
        UNREACHABLE,
        /** The relay's certificate is not the one pinned in the link. */
        PIN_MISMATCH,
        /** No pin, and the certificate did not verify against the trust store and host name. */
        UNTRUSTED_CERTIFICATE,
        /** The relay refused: see {@link #relayCode()}. */
        REFUSED,
        /** The connection was lost and could not be re-established. */
        LOST
    }

    private final Kind kind;
    private final long relayCode;

    public CallFailedException(Kind kind, String message, long relayCode) {
        super(message);
        this.kind = kind;
        this.relayCode = relayCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The relay's Error code, or 0 when the relay did not refuse the call. */
    public long relayCode() {
        return relayCode;
    }
}
