package dev.parley.common.crypto;

/**
 * ChaCha20-Poly1305 (RFC 8439) with one fixed key and a fresh nonce per call, in two interchangeable
 * implementations measured against each other (see {@link MediaCipher.Engine}). Not thread-safe.
 */
interface ChaChaPoly {
    int TAG_LENGTH = 16;
    int NONCE_LENGTH = 12;
    int KEY_LENGTH = 32;

    /** Encrypts {@code pt} into {@code out} (ciphertext then tag); returns ptLen + 16. */
    int seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] pt, int ptOff, int ptLen, byte[] out, int outOff);

    /**
     * Decrypts and authenticates {@code ct} (ciphertext then tag) into {@code out}; false when the
     * tag does not verify, in which case the output range holds zeros, never unauthenticated data.
     */
    boolean open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] ct, int ctOff, int ctLen, byte[] out, int outOff);

    /** Best-effort removal of the key from memory. */
    void destroy();

    static ChaChaPoly create(MediaCipher.Engine engine, byte[] key) {
        return switch (engine) {
            case JDK -> new JdkChaChaPoly(key);
            case BOUNCY_CASTLE -> new BcChaChaPoly(key);
        };
    }
}
