package dev.parley.common.crypto;

import dev.parley.common.domain.KeyId;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One sender key: the 32-byte sender secret {@code S} with its {@code key_id}, and the media key
 * and salt derived from it (PROTOCOL.md section 6). The sender seals {@code S} to each recipient
 * ({@link SenderKeySealer}); both sides build a {@link MediaCipher} from it. Never printed.
 *
 * <p>On the sending side it also remembers the highest packet index sealed per ssrc and refuses to
 * seal an index twice: a repeated (ssrc, index) under one key repeats the nonce, which would give
 * away the XOR of two plaintexts and let anyone forge packets.
 */
public final class SenderKey {
    public static final int SECRET_LENGTH = 32;
    public static final int MEDIA_KEY_LENGTH = 32;
    public static final int MEDIA_SALT_LENGTH = 12;
    static final String MEDIA_KEY_INFO = "parley/v1 media key";
    static final String MEDIA_SALT_INFO = "parley/v1 media salt";

    private final KeyId keyId;
    private final byte[] secret;
    private final byte[] mediaKey;
    private final byte[] mediaSalt;

    private long[] sealedSsrcs = new long[4];
    private long[] sealedHighest = new long[4];
    private int sealedStreams;

    private SenderKey(KeyId keyId, byte[] secret) {
        Bytes.requireLength(secret, SECRET_LENGTH, "sender secret");
        this.keyId = keyId;
        this.secret = secret.clone();
        this.mediaKey = Hkdf.derive(secret, MEDIA_KEY_INFO, MEDIA_KEY_LENGTH);
        this.mediaSalt = Hkdf.derive(secret, MEDIA_SALT_INFO, MEDIA_SALT_LENGTH);
    }

    /** A new key with a fresh secret. */
    public static SenderKey generate(KeyId keyId, SecureRandom random) {
        byte[] s = new byte[SECRET_LENGTH];
        random.nextBytes(s);
        try {
            return new SenderKey(keyId, s);
        } finally {
            Bytes.erase(s);
        }
    }

    /** The key for a known secret (an unsealed one, or a test vector); the array is copied. */
    public static SenderKey fromSecret(KeyId keyId, byte[] secret) {
        return new SenderKey(keyId, secret);
    }

    public KeyId keyId() {
        return keyId;
    }

    byte[] secretRef() {
        return secret;
    }

    byte[] mediaKeyRef() {
        return mediaKey;
    }

    byte[] mediaSaltRef() {
        return mediaSalt;
    }

    /**
     * Reserves packet {@code index} of stream {@code ssrc} for sealing under this key.
     *
     * @throws IllegalStateException when the index is not above every index already sealed on that ssrc
     */
    synchronized void reserveIndex(long ssrc, long index) {
        for (int i = 0; i < sealedStreams; i++) {
            if (sealedSsrcs[i] == ssrc) {
                if (index <= sealedHighest[i]) {
                    throw new IllegalStateException("packet index " + index + " of ssrc " + ssrc
                            + " is not above the last one sealed with key " + keyId + " (" + sealedHighest[i]
                            + "): sealing it would reuse a nonce");
                }
                sealedHighest[i] = index;
                return;
            }
        }
        if (sealedStreams == sealedSsrcs.length) {
            sealedSsrcs = Arrays.copyOf(sealedSsrcs, sealedStreams * 2);
            sealedHighest = Arrays.copyOf(sealedHighest, sealedStreams * 2);
        }
        sealedSsrcs[sealedStreams] = ssrc;
        sealedHighest[sealedStreams] = index;
        sealedStreams++;
    }

    /** Zeroes the secret, media key and salt held here (ciphers built from it keep their own copy). */
    public void erase() {
        Bytes.erase(secret);
        Bytes.erase(mediaKey);
        Bytes.erase(mediaSalt);
    }

    @Override
    public String toString() {
        return "SenderKey[keyId=" + keyId + ", secret=<redacted>]";
    }
}
