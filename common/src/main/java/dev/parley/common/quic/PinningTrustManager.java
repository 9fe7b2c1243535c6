package dev.parley.common.quic;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint (an invite link's
 * {@code ?pin=}). The chain, the validity period and the host name are deliberately ignored
 * (PROTOCOL.md section 2): a self-hosted relay with a self-signed certificate is the common case,
 * and the pin already says which certificate is the right one. Never trusts a client.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {
    private final byte[] pin;

    /** @param pin 64 lowercase hex digits */
    public PinningTrustManager(String pin) {
        this.pin = CertificateFingerprint.parse(pin);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the relay presented no certificate");
        }
        byte[] actual;
        try {
            actual = CertificateFingerprint.sha256(chain[0].getEncoded());
        } catch (CertificateEncodingException e) {
            throw new CertificateException("the relay's certificate cannot be encoded", e);
        }
        if (!MessageDigest.isEqual(actual, pin)) {
            throw new CertificateException("the relay's certificate does not match the pinned fingerprint "
                    + "(got " + CertificateFingerprint.ofDer(chain[0].getEncoded()) + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
