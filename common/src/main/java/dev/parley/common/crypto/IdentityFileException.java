package dev.parley.common.crypto;

import java.nio.file.Path;

/**
 * The identity file cannot be used. The file is never replaced or repaired behind the user's back:
 * the message says what is wrong and what to do, and the caller shows it.
 */
public final class IdentityFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** No identity file at the path (from {@link IdentityStore#load(Path)} only). */
        NOT_FOUND,
        /** The file or directory exists but cannot be read (I/O error, access denied, not a regular file). */
        UNREADABLE,
        /** Group or other users may read or write the file. */
        INSECURE_PERMISSIONS,
        /** The file ends early (empty, or cut off inside its lines). */
        TRUNCATED,
        /** Not an identity file, a damaged one, or its public key does not match its seed. */
        CORRUPT,
        /** An identity file of a newer format version. */
        UNSUPPORTED_VERSION,
        /** A new identity could not be written. */
        WRITE_FAILED
    }

    private final Reason reason;
    private final transient Path file;

    public IdentityFileException(Reason reason, Path file, String message) {
        this(reason, file, message, null);
    }

    public IdentityFileException(Reason reason, Path file, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }
}
