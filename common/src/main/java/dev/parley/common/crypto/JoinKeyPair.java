package dev.parley.common.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The X25519 key-agreement key of one join (PROTOCOL.md section 3): recipients' end of sealed
 * sender keys. Generate one per join and {@link #erase()} it when the call ends, so recorded key
 * messages cannot be opened later (forward secrecy). Safe for use from several threads.
 */
public final class JoinKeyPair {
    public static final int KEY_LENGTH = X25519.SCALAR_SIZE;

    private final byte[] privateKey;
    private final byte[] publicKey;
    private boolean erased;

    private JoinKeyPair(byte[] privateKey) {
        Bytes.requireLength(privateKey, KEY_LENGTH, "X25519 private key");
        this.privateKey = privateKey.clone();
        this.publicKey = new byte[KEY_LENGTH];
        X25519.generatePublicKey(this.privateKey, 0, publicKey, 0);
    }

    public static JoinKeyPair generate() {
        return generate(new SecureRandom());
    }

    public static JoinKeyPair generate(SecureRandom random) {
        byte[] k = new byte[KEY_LENGTH];
        X25519.generatePrivateKey(random, k);
        try {
            return new JoinKeyPair(k);
        } finally {
            Bytes.erase(k);
        }
    }

    /** A pair from a fixed private key: test vectors and ephemeral keys only. */
    static JoinKeyPair fromPrivateKey(byte[] privateKey) {
        return new JoinKeyPair(privateKey);
    }

    /** The 32-byte public key (a copy); still available after {@link #erase()}. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] publicKeyRef() {
        return publicKey;
    }

    /**
     * X25519(private, peerPublic) into {@code out[0..32)}. False when the result is all zero (the
     * peer's key is a low-order point), which PROTOCOL.md section 7 says to reject.
     *
     * @throws IllegalStateException after {@link #erase()}
     */
    synchronized boolean agree(byte[] peerPublic, byte[] out) {
        if (erased) {
            throw new IllegalStateException("this join key has been erased");
        }
        Bytes.requireLength(peerPublic, KEY_LENGTH, "X25519 public key");
        return X25519.calculateAgreement(privateKey, 0, peerPublic, 0, out, 0);
    }

    /** Zeroes the private key. Idempotent. */
    public synchronized void erase() {
        Bytes.erase(privateKey);
        erased = true;
    }

    public synchronized boolean isErased() {
        return erased;
    }

    @Override
    public String toString() {
        return "JoinKeyPair[public=" + HexFormat.of().formatHex(publicKey, 0, 8) + "..., private=<redacted>]";
    }
}
