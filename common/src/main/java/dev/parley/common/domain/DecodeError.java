package dev.parley.common.domain;

/**
 * Why some bytes are not a valid protocol object. Decoders return this instead of throwing.
 *
 * @param reason the category, for metrics and tests
 * @param message a sentence a person understands: what is wrong and where
 */
public record DecodeError(Reason reason, String message) {

    /** Categories of decoding failure. */
    public enum Reason {
        /** The input ended inside an item. */
        TRUNCATED,
        /** Bytes follow the complete item. */
        TRAILING_BYTES,
        /** Larger than a limit (frame length, datagram size, count, text length). */
        TOO_LARGE,
        /** Not well-formed CBOR (reserved additional info, bad break, nesting too deep). */
        MALFORMED,
        /** A CBOR tag, forbidden everywhere. */
        TAG,
        /** A map key appears twice. */
        DUPLICATE_KEY,
        /** A map key that is not text. */
        NON_TEXT_KEY,
        /** Text that is not valid UTF-8. */
        INVALID_UTF8,
        /** A required key is absent. */
        MISSING_KEY,
        /** A value of the wrong CBOR type. */
        WRONG_TYPE,
        /** A byte string of the wrong length. */
        WRONG_LENGTH,
        /** A number outside its range. */
        OUT_OF_RANGE,
        /** An unknown message type. */
        UNKNOWN_TYPE,
        /** Wrong magic, version or kind in a media datagram. */
        BAD_HEADER,
        /** Anything else that breaks a rule of the protocol. */
        INVALID
    }

    public static DecodeError of(Reason reason, String message) {
        return new DecodeError(reason, message);
    }
}
