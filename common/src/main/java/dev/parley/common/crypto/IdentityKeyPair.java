package dev.parley.common.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A participant's long-term Ed25519 identity key (PROTOCOL.md section 3): a 32-byte seed (the
 * RFC 8032 private key) and its public key. It signs the join key in the member card and every key
 * message; its public key's fingerprint is what people compare. {@link #toString()} shows only a
 * prefix of the public key. Safe for use from several threads.
 */
public final class IdentityKeyPair {
    public static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;
    public static final int PUBLIC_KEY_LENGTH = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

    private final byte[] seed;
    private final byte[] publicKey;
    private volatile boolean erased;

    private IdentityKeyPair(byte[] seed) {
        Bytes.requireLength(seed, SEED_LENGTH, "Ed25519 seed");
        this.seed = seed.clone();
        this.publicKey = new byte[PUBLIC_KEY_LENGTH];
        Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
    }

    /** A new identity from a fresh {@link SecureRandom}. */
    public static IdentityKeyPair generate() {
        return generate(new SecureRandom());
    }

    public static IdentityKeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        try {
            return new IdentityKeyPair(seed);
        } finally {
            Bytes.erase(seed);
        }
    }

    /** The identity whose RFC 8032 private key (seed) is {@code seed}; the array is copied. */
    public static IdentityKeyPair fromSeed(byte[] seed) {
        return new IdentityKeyPair(seed);
    }

    /** The 32-byte public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The seed, for {@link IdentityStore} only. */
    byte[] seedCopy() {
        return seed.clone();
    }

    /** A 64-byte Ed25519 signature (RFC 8032, pure Ed25519, no context) over {@code message}. */
    public byte[] sign(byte[] message) {
        if (erased) {
            throw new IllegalStateException("this identity key has been erased");
        }
        byte[] sig = new byte[SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    /** Verifies against this pair's own public key. */
    public boolean verify(byte[] message, byte[] signature) {
        return verify(publicKey, message, signature);
    }

    /**
     * Verifies a pure Ed25519 signature. False, never an exception, for keys and signatures of the
     * wrong length, a public key that is not a valid point, or a non-canonical signature.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Overwrites the seed; {@link #sign} throws afterwards. */
    public void erase() {
        erased = true;
        Bytes.erase(seed);
    }

    @Override
    public String toString() {
        return "IdentityKeyPair[public=" + HexFormat.of().formatHex(publicKey, 0, 8) + "..., seed=<redacted>]";
    }
}
