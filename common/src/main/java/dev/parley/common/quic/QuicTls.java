package dev.parley.common.quic;

import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** TLS 1.3 contexts for QUIC with ALPN {@value QuicTransport#ALPN}. */
public final class QuicTls {
    private QuicTls() {
    }

    /** A relay's context serving the given certificate chain. */
    public static QuicSslContext server(TlsMaterial material) {
        return QuicSslContextBuilder.forServer(material.privateKey(), null,
                        material.chain().toArray(new X509Certificate[0]))
                .applicationProtocols(QuicTransport.ALPN)
                .earlyData(false)
                .build();
    }

    /**
     * A client's context. With a pin it accepts exactly the certificate with that fingerprint and
     * ignores chain, expiry and host name; without one it verifies the chain against the platform
     * trust store and the host name (PROTOCOL.md section 2). The engine must be created with the
     * relay's host name ({@code newEngine(alloc, host, port)}) for the host name check to apply.
     */
    public static QuicSslContext client(Optional<String> pin) {
        if (pin.isPresent()) {
            return client(new PinningTrustManager(pin.get()), false);
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return client(factory.getTrustManagers()[0], true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform trust store cannot be loaded", e);
        }
    }

    /** A client's context with any trust manager; for tests that bring their own CA. */
    static QuicSslContext client(TrustManager trustManager, boolean verifyHostName) {
        return QuicSslContextBuilder.forClient()
                .trustManager(trustManager)
                .endpointIdentificationAlgorithm(verifyHostName ? "HTTPS" : null)
                .applicationProtocols(QuicTransport.ALPN)
                .earlyData(false)
                .build();
    }
}
