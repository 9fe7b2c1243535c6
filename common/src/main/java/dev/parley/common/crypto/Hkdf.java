package dev.parley.common.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * HKDF-SHA256 (RFC 5869). An empty or null salt means HashLen (32) zero bytes, as the RFC says;
 * PROTOCOL.md uses the empty salt unless it names one.
 */
public final class Hkdf {
    /** SHA-256 output length. */
    public static final int HASH_LEN = 32;
    /** RFC 5869 limit on the output length: 255 * HashLen. */
    public static final int MAX_LENGTH = 255 * HASH_LEN;

    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** HKDF-Extract: PRK = HMAC-SHA256(salt, ikm). */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] s = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
        Mac mac = hmac(s);
        return mac.doFinal(ikm);
    }

    /** HKDF-Expand: {@code length} bytes of T(1) || T(2) || ... keyed by {@code prk}. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF output length must be in 0.." + MAX_LENGTH + ", got " + length);
        }
        if (prk.length < HASH_LEN) {
            throw new IllegalArgumentException("PRK must be at least " + HASH_LEN + " bytes");
        }
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int off = 0;
        for (int i = 1; off < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - off);
            System.arraycopy(t, 0, out, off, n);
            off += n;
        }
        Bytes.erase(t);
        return out;
    }

    /** Extract then expand. */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Bytes.erase(prk);
        }
    }

    /** Extract with the empty salt, then expand with a text label as info (PROTOCOL.md's usual form). */
    public static byte[] derive(byte[] ikm, String info, int length) {
        return derive(ikm, null, Bytes.utf8(info), length);
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HMAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
