package dev.parley.relay;

import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import dev.parley.relay.support.TestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

import java.util.ArrayList;
import java.util.List;

/**
 * The relay as a whole: a real Spring context, the QUIC listener on an ephemeral loopback port,
 * actuator on a random management port, a fresh self-signed certificate under target/. Subclasses
 * with these same settings share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.relay.port=0",
        "parley.relay.bind-address=127.0.0.1",
        "parley.relay.tls.directory=target/test-tls/${random.uuid}",
        "parley.relay.limits.join-timeout=1s",
        "parley.relay.limits.abuse-seconds=2",
        "parley.relay.limits.media-packets-per-second=200",
        "management.server.port=0",
        "management.server.address=127.0.0.1"
})
public abstract class RelayIntegrationTest {
    @Autowired
    protected QuicRelayServer server;
    @Autowired
    protected RelayTls tls;
    @Autowired
    protected MeterRegistry meters;
    @LocalManagementPort
    protected int managementPort;

    private final List<AutoCloseable> opened = new ArrayList<>();

    protected TestClient client() {
        TestClient c = TestClient.connect(server.port(), tls.fingerprint());
        opened.add(c);
        return c;
    }

    protected <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already closed by the relay
            }
        }
        opened.clear();
    }

    /** The relay's datagram counters, for failure messages. */
    protected String datagramCounters() {
        StringBuilder b = new StringBuilder("in=").append(count("parley.relay.datagrams", "direction", "in"))
                .append(" out=").append(count("parley.relay.datagrams", "direction", "out"));
        meters.find("parley.relay.datagrams.dropped").counters().forEach(c -> {
            if (c.count() > 0) {
                b.append(' ').append(c.getId().getTag("reason")).append('=').append(c.count());
            }
        });
        return b.toString();
    }

    /** Sum of the counters with this name and tags (0 when none exists yet). */
    protected double count(String name, String... tags) {
        Search search = meters.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
