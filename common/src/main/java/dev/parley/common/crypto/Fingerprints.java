package dev.parley.common.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Fingerprints and safety numbers (PROTOCOL.md section 8). A fingerprint is 30 digits derived from
 * an Ed25519 public key by 5,200 iterations of SHA-512; a safety number is the two fingerprints of
 * a pair, the numerically smaller first, so both sides see the same 60 digits.
 */
public final class Fingerprints {
    public static final int ITERATIONS = 5200;
    public static final int FINGERPRINT_DIGITS = 30;
    public static final int SAFETY_NUMBER_DIGITS = 60;
    private static final byte[] LABEL = Bytes.utf8("parley/v1 fingerprint");

    private Fingerprints() {
    }

    /** The 30-digit fingerprint of an Ed25519 public key, without spaces. */
    public static String fingerprint(byte[] ed25519Pub) {
        Bytes.requireLength(ed25519Pub, IdentityKeyPair.PUBLIC_KEY_LENGTH, "ed25519_pub");
        MessageDigest sha512 = sha512();
        byte[] h = Bytes.concat(LABEL, ed25519Pub);
        for (int i = 0; i < ITERATIONS; i++) {
            sha512.update(h);
            sha512.update(ed25519Pub);
            h = sha512.digest();
        }
        StringBuilder sb = new StringBuilder(FINGERPRINT_DIGITS);
        for (int group = 0; group < 6; group++) {
            long v = 0;
            for (int j = 0; j < 5; j++) {
                v = (v << 8) | (h[5 * group + j] & 0xFF);
            }
            String digits = Long.toString(v % 100_000);
            sb.append("0".repeat(5 - digits.length())).append(digits);
        }
        return sb.toString();
    }

    /** The 60-digit safety number of two identities, without spaces; symmetric in its arguments. */
    public static String safetyNumber(byte[] ed25519PubA, byte[] ed25519PubB) {
        String a = fingerprint(ed25519PubA);
        String b = fingerprint(ed25519PubB);
        // equal-length digit strings compare numerically as they compare lexicographically
        return a.compareTo(b) <= 0 ? a + b : b + a;
    }

    /** Digits in groups of five separated by single spaces, as people read them out. */
    public static String grouped(String digits) {
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 5);
        for (int i = 0; i < digits.length(); i += 5) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(digits, i, Math.min(i + 5, digits.length()));
        }
        return sb.toString();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }
}
