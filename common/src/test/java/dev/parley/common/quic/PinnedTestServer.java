package dev.parley.common.quic;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TestQuicServer} with a self-signed certificate, shared by the tests of one class (a
 * static {@code @RegisterExtension} field): started before the first test, closed after the last.
 * {@link #connect} opens connections pinned to its certificate.
 */
final class PinnedTestServer implements BeforeAllCallback, AfterAllCallback {
    final TlsMaterial tls = TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(1));
    private TestQuicServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestQuicServer(tls, Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    int port() {
        return server.port();
    }

    /** The pin of the server's certificate. */
    Optional<String> pin() {
        return Optional.of(tls.fingerprint());
    }

    RelayConnection connect(RelayConnection.Listener listener) {
        return connect(listener, RelayClientOptions.defaults());
    }

    RelayConnection connect(RelayConnection.Listener listener, RelayClientOptions options) {
        return RelayConnection.connect("127.0.0.1", port(), pin(), listener, options)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }
}
