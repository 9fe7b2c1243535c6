package dev.parley.client.e2e;

import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.relay.RelayApplication;
import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The real relay (relay-app) in this JVM: a Spring context with its QUIC listener on loopback, a
 * self-signed certificate in a temporary directory (kept across {@link #restart()}, like the real
 * thing), no web server.
 */
final class RelayFixture implements AutoCloseable {
    private final Path tlsDir;
    private ConfigurableApplicationContext context;
    private int port;
    private String fingerprint;

    RelayFixture(Path tlsDir) {
        this.tlsDir = tlsDir;
        start(0);
    }

    private void start(int requestedPort) {
        // headless(false): Spring Boot would otherwise set java.awt.headless=true for the whole JVM, and
        // every Swing and screen-capture test after it would find no display
        context = new SpringApplicationBuilder(RelayApplication.class)
                .headless(false)
                .properties("parley.relay.port=" + requestedPort,
                        "parley.relay.bind-address=127.0.0.1",
                        "parley.relay.tls.directory=" + tlsDir,
                        "spring.main.web-application-type=none",
                        "spring.main.banner-mode=off",
                        "spring.config.location=optional:classpath:/")
                .run();
        port = context.getBean(QuicRelayServer.class).port();
        fingerprint = context.getBean(RelayTls.class).fingerprint();
    }

    int port() {
        return port;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** A fresh room on this relay, pinned to its certificate. */
    RoomLink newRoom() {
        return RoomLinks.create("127.0.0.1", port, Optional.of(fingerprint));
    }

    /** Stops the relay (members get Error 7) and starts it again on the same port and certificate. */
    void restart() {
        context.close();
        start(port);
    }

    @Override
    public void close() {
        context.close();
    }
}
