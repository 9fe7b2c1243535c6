package dev.parley.common.crypto;

import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;

import java.security.SecureRandom;

/**
 * Seals a sender secret for one recipient and opens such a seal (PROTOCOL.md section 7):
 * <pre>
 * eph    = fresh X25519 key pair
 * shared = X25519(eph.private, R.x25519_pub)            (all zero: refused)
 * k || n = HKDF(shared, salt = eph.public || R.x25519_pub, info = "parley/v1 seal", L = 44)
 * aad    = u64(room_id) || u64(sender_id) || u64(R.peer_id) || u32(key_id)
 * sealed = eph.public || ChaCha20-Poly1305(k, n, aad, S)  (80 bytes)
 * </pre>
 */
public final class SenderKeySealer {
    public static final int SEALED_LENGTH = 80;
    static final String INFO = "parley/v1 seal";
    private static final int X = JoinKeyPair.KEY_LENGTH;

    private SenderKeySealer() {
    }

    /** The outcome of {@link #unseal}. */
    public sealed interface Unsealed {
        /** The sender key, under the message's key id. */
        record Ok(SenderKey key) implements Unsealed {
        }

        /** Why the seal did not open. */
        record Failed(Reason reason) implements Unsealed {
        }
    }

    public enum Reason {
        /** Not 80 bytes. */
        WRONG_LENGTH,
        /** X25519 gave all zeros: the ephemeral key is a low-order point. */
        ALL_ZERO_SHARED_SECRET,
        /** The tag did not verify: not for this recipient, room, sender or key id, or altered. */
        AUTHENTICATION_FAILED,
        /** This join's key has been erased: the call is over. */
        JOIN_KEY_ERASED
    }

    /**
     * Seals {@code key}'s secret for the recipient with a fresh ephemeral key.
     *
     * @throws IllegalArgumentException when the recipient's key is a low-order point (all-zero result)
     */
    public static byte[] seal(SenderKey key, RoomId roomId, PeerId senderId, PeerId recipientId,
                              byte[] recipientX25519Pub, SecureRandom random) {
        JoinKeyPair eph = JoinKeyPair.generate(random);
        try {
            return seal(key, roomId, senderId, recipientId, recipientX25519Pub, eph);
        } finally {
            eph.erase();
        }
    }

    /** As above with a given ephemeral key pair: for test vectors only. */
    static byte[] seal(SenderKey key, RoomId roomId, PeerId senderId, PeerId recipientId,
                       byte[] recipientX25519Pub, JoinKeyPair eph) {
        Bytes.requireLength(recipientX25519Pub, X, "recipient x25519_pub");
        byte[] shared = new byte[X];
        byte[] kn = null;
        try {
            if (!eph.agree(recipientX25519Pub, shared)) {
                throw new IllegalArgumentException("the recipient's X25519 key is a low-order point; nothing can be sealed to it");
            }
            kn = Hkdf.derive(shared, Bytes.concat(eph.publicKeyRef(), recipientX25519Pub), Bytes.utf8(INFO), 44);
            byte[] aad = aad(roomId, senderId, recipientId, key.keyId());
            byte[] sealed = new byte[SEALED_LENGTH];
            System.arraycopy(eph.publicKeyRef(), 0, sealed, 0, X);
            byte[] k = java.util.Arrays.copyOf(kn, 32);
            ChaChaPoly aead = new BcChaChaPoly(k);
            Bytes.erase(k);
            aead.seal(java.util.Arrays.copyOfRange(kn, 32, 44), aad, 0, aad.length,
                    key.secretRef(), 0, SenderKey.SECRET_LENGTH, sealed, X);
            aead.destroy();
            return sealed;
        } finally {
            Bytes.erase(shared);
            Bytes.erase(kn);
        }
    }

    /** Opens a seal addressed to this client ({@code ownPeerId}, {@code joinKey}). */
    public static Unsealed unseal(byte[] sealed, RoomId roomId, PeerId senderId, PeerId ownPeerId, KeyId keyId,
                                  JoinKeyPair joinKey) {
        if (sealed == null || sealed.length != SEALED_LENGTH) {
            return new Unsealed.Failed(Reason.WRONG_LENGTH);
        }
        byte[] ephPub = java.util.Arrays.copyOf(sealed, X);
        byte[] shared = new byte[X];
        byte[] kn = null;
        byte[] secret = new byte[SenderKey.SECRET_LENGTH];
        try {
            try {
                if (!joinKey.agree(ephPub, shared)) {
                    return new Unsealed.Failed(Reason.ALL_ZERO_SHARED_SECRET);
                }
            } catch (IllegalStateException erased) {
                return new Unsealed.Failed(Reason.JOIN_KEY_ERASED);
            }
            kn = Hkdf.derive(shared, Bytes.concat(ephPub, joinKey.publicKeyRef()), Bytes.utf8(INFO), 44);
            byte[] aad = aad(roomId, senderId, ownPeerId, keyId);
            byte[] k = java.util.Arrays.copyOf(kn, 32);
            ChaChaPoly aead = new BcChaChaPoly(k);
            Bytes.erase(k);
            boolean ok = aead.open(java.util.Arrays.copyOfRange(kn, 32, 44), aad, 0, aad.length,
                    sealed, X, SEALED_LENGTH - X, secret, 0);
            aead.destroy();
            return ok ? new Unsealed.Ok(SenderKey.fromSecret(keyId, secret)) : new Unsealed.Failed(Reason.AUTHENTICATION_FAILED);
        } finally {
            Bytes.erase(shared);
            Bytes.erase(kn);
            Bytes.erase(secret);
        }
    }

    static byte[] aad(RoomId roomId, PeerId senderId, PeerId recipientId, KeyId keyId) {
        byte[] aad = new byte[28];
        Bytes.putU64(aad, 0, roomId.value());
        Bytes.putU64(aad, 8, senderId.value());
        Bytes.putU64(aad, 16, recipientId.value());
        Bytes.putU32(aad, 24, keyId.value());
        return aad;
    }
}
