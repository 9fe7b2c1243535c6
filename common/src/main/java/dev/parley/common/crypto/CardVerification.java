package dev.parley.common.crypto;

/**
 * The outcome of checking a PeerInfo's card (PROTOCOL.md section 5.3): a {@link VerifiedPeer}, or
 * {@link Failed} with the first rule it broke. A failed peer is shown as not a member, gets no keys,
 * and its key messages are dropped.
 */
public sealed interface CardVerification permits VerifiedPeer, CardVerification.Failed {

    /** Failed verification, with a reason for counting and a sentence for the log. */
    record Failed(Reason reason, String message) implements CardVerification {
    }

    /** Every way a card fails, in the order they are checked. */
    enum Reason {
        /** A field missing, of the wrong type or size, or a {@code peer_id} key inside the card. */
        ILL_FORMED,
        /** The PeerInfo's {@code peer_id} is this client's own. */
        OWN_PEER_ID,
        /** {@code x25519_sig} is not the identity key's signature over this room and join key. */
        BAD_X25519_SIG,
        /** {@code proof} is not the HMAC under this room's K_member: the author lacks the room secret. */
        BAD_PROOF,
        /** The profile does not open under K_profile with this room id and identity key. */
        PROFILE_DOES_NOT_OPEN,
        /** The opened profile is not a CBOR map with a text {@code name}. */
        BAD_PROFILE,
        /** The name is empty or longer than 64 code points. */
        BAD_NAME,
        /** {@code x25519_pub} equals this client's own join key. */
        OWN_X25519_KEY,
        /** {@code x25519_pub} equals another current member's: a replayed card. */
        DUPLICATE_X25519_KEY,
        /** {@code x25519_pub} is a low-order point: nothing could ever be sealed to it. */
        LOW_ORDER_X25519_KEY
    }
}
