package dev.parley.common.quic;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The relay's certificate fingerprint as used in invite links ({@code ?pin=}): the SHA-256 of the
 * leaf certificate's DER encoding, as 64 lowercase hex digits (PROTOCOL.md section 2).
 */
public final class CertificateFingerprint {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    private CertificateFingerprint() {
    }

    /** The fingerprint of a certificate. */
    public static String of(X509Certificate certificate) {
        try {
            return ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    /** The fingerprint of a DER-encoded certificate. */
    public static String ofDer(byte[] der) {
        return HexFormat.of().formatHex(sha256(der));
    }

    /** True when the text is exactly 64 lowercase hex digits. */
    public static boolean isWellFormed(String pin) {
        return pin != null && FORMAT.matcher(pin).matches();
    }

    /** The 32 raw bytes of a well-formed fingerprint. */
    public static byte[] parse(String pin) {
        if (!isWellFormed(pin)) {
            throw new IllegalArgumentException("a pin is 64 lowercase hex digits");
        }
        return HexFormat.of().parseHex(pin);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
