package dev.parley.relay.server;

import dev.parley.common.quic.TlsMaterial;
import dev.parley.relay.RelayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The relay's certificate: the configured PEM files, or else a self-signed certificate generated
 * on first start under {@code parley.relay.tls.directory} and reused afterwards, so that its
 * fingerprint, and with it every invite link's {@code ?pin=}, stays the same.
 */
@Component
public class RelayTls {
    private static final Logger LOG = LoggerFactory.getLogger(RelayTls.class);

    private final TlsMaterial material;
    private final String source;

    public RelayTls(RelayProperties properties) {
        RelayProperties.Tls tls = properties.tls();
        try {
            if (tls.hasConfiguredCertificate()) {
                if (tls.certificate().isBlank() || tls.privateKey().isBlank()) {
                    throw new IllegalStateException("set both parley.relay.tls.certificate and "
                            + "parley.relay.tls.private-key, or neither for a self-signed certificate");
                }
                material = TlsMaterial.loadPem(Path.of(tls.certificate()), Path.of(tls.privateKey()));
                source = tls.certificate();
                LOG.info("Serving the certificate in {} (fingerprint {})", source, material.fingerprint());
            } else {
                Path dir = Path.of(tls.directory()).toAbsolutePath().normalize();
                TlsMaterial.Loaded loaded = TlsMaterial.loadOrGenerate(dir, tls.commonName());
                material = loaded.material();
                source = dir.resolve(TlsMaterial.CERTIFICATE_FILE).toString();
                LOG.info("{} self-signed certificate {}", loaded.generated() ? "Generated" : "Reusing", source);
                LOG.info("Certificate fingerprint {}: put ?pin={} at the end of invite links, "
                        + "e.g. parley://HOST:{}/r/SECRET?pin={}", material.fingerprint(), material.fingerprint(),
                        properties.port(), material.fingerprint());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the relay's TLS certificate: " + e.getMessage(), e);
        }
    }

    public TlsMaterial material() {
        return material;
    }

    /** SHA-256 of the leaf certificate, the value of {@code ?pin=}. */
    public String fingerprint() {
        return material.fingerprint();
    }

    /** Where the certificate came from (a file path). */
    public String source() {
        return source;
    }
}
