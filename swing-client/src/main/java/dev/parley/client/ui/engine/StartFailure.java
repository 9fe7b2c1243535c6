package dev.parley.client.ui.engine;

/**
 * Why a call could not start, in a category the UI can offer a way forward for. The message is a
 * sentence for a person; the cause is the detail that goes to the log.
 */
public final class StartFailure extends Exception {

    /** What went wrong, as far as the user can act on it. */
    public enum Kind {
        /** The relay did not answer (DNS, routing, UDP blocked, relay down). */
        UNREACHABLE,
        /** The relay's certificate is not the one pinned in the link. */
        PIN_MISMATCH,
        /** No pin, and the platform trust store or host name check rejected the certificate. */
        UNTRUSTED_CERTIFICATE,
        /** The relay refused the access token (relay error 2). */
        REFUSED_TOKEN,
        /** The identity key in the profile directory cannot be used; the message names the fix. */
        IDENTITY,
        /** A microphone or speaker could not be opened. */
        AUDIO_DEVICE,
        /** This build has no call engine wired in. */
        ENGINE_UNAVAILABLE,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;

    public StartFailure(Kind kind, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
