package dev.parley.common.crypto;

/**
 * The outcome of checking a received KeyDistribute or KeyRotate (PROTOCOL.md section 7): the sender
 * key to store, or why the message is dropped (count it).
 */
public sealed interface KeyVerification {

    /** Verified, and this client's entry unsealed: store the key. */
    record Accepted(SenderKey key) implements KeyVerification {
    }

    /** Dropped. */
    record Dropped(Reason reason, String message) implements KeyVerification {
    }

    /** Every drop rule of section 7, in the order they are checked. */
    enum Reason {
        /** No verified peer has the message's {@code sender_id}. */
        SENDER_NOT_VERIFIED,
        /** {@code room_id} is not this call's room. */
        WRONG_ROOM,
        /** {@code algo} is not "CHACHA20-POLY1305". */
        UNSUPPORTED_ALGO,
        /** More than 65,535 entries: the count cannot be signed. */
        TOO_MANY_ENTRIES,
        /** A recipient id appears twice. */
        DUPLICATE_RECIPIENT,
        /** The signature does not verify under the sender's identity key. */
        BAD_SIGNATURE,
        /** {@code key_id} is not greater than the highest key id accepted from this sender. */
        STALE_KEY_ID,
        /** No entry for this client. */
        OWN_ENTRY_MISSING,
        /** This client's entry does not unseal with this join's key. */
        OWN_ENTRY_DOES_NOT_UNSEAL
    }
}
