package dev.parley.common.call;

/** A call that ended before or instead of joining; the message is a sentence for a person. */
public final class CallFailedException extends Exception {
    private final long relayCode;

    public CallFailedException(String message, long relayCode) {
        super(message);
        this.relayCode = relayCode;
    }

    /** The relay's Error code, or 0 when the relay did not refuse the call. */
    public long relayCode() {
        return relayCode;
    }
}
