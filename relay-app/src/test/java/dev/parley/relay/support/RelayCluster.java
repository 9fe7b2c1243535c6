package dev.parley.relay.support;

import dev.parley.relay.RelayApplication;
import dev.parley.relay.cluster.ClusterNode;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.server.RelayTls;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Three relays in this JVM, each its own Spring context, bound to 127.0.0.2, 127.0.0.3 and
 * 127.0.0.4 on one UDP port, sharing one TLS directory (so one pin fits all three) and one Redis.
 * Renewal and expiry are short so that tests of expiry take seconds.
 */
public final class RelayCluster implements AutoCloseable {
    public static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    /** A fourth address on the same port, for a relay run as a separate process. */
    public static final String SPARE_HOST = "127.0.0.5";
    public static final Duration REFRESH = Duration.ofMillis(200);
    public static final Duration RELAY_TTL = Duration.ofSeconds(1);
    public static final Duration ROOM_TTL = Duration.ofSeconds(2);
    /** A relay with more members than this sends new rooms to the least loaded one. */
    public static final int PLACE_ELSEWHERE_ABOVE = 3;
    /** Longer than the 500 ms default: on a loaded 2-core machine a live Redis can take that long. */
    public static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisServer redis;
    private final int port;
    private final String tlsDirectory;
    private final ConfigurableApplicationContext[] relays = new ConfigurableApplicationContext[HOSTS.size()];

    private RelayCluster(RedisServer redis, int port) {
        this.redis = redis;
        this.port = port;
        this.tlsDirectory = Path.of("target", "test-tls", "cluster-" + UUID.randomUUID()).toAbsolutePath().toString();
    }

    public static RelayCluster start(RedisServer redis) throws IOException {
        RelayCluster cluster = new RelayCluster(redis, freeUdpPortOnEveryHost());
        for (int i = 0; i < HOSTS.size(); i++) {
            cluster.start(i);
        }
        return cluster;
    }

    /** The settings of a relay of this cluster at {@code host}. */
    public List<String> properties(String host) {
        return new ArrayList<>(List.of(
                "parley.relay.port=" + port,
                "parley.relay.bind-address=" + host,
                "parley.relay.tls.directory=" + tlsDirectory,
                "parley.relay.cluster.redis=" + redis.url(),
                "parley.relay.cluster.refresh-interval=" + REFRESH.toMillis() + "ms",
                "parley.relay.cluster.relay-ttl=" + RELAY_TTL.toMillis() + "ms",
                "parley.relay.cluster.room-ttl=" + ROOM_TTL.toMillis() + "ms",
                "parley.relay.cluster.place-elsewhere-above=" + PLACE_ELSEWHERE_ABOVE,
                "parley.relay.cluster.timeout=" + DIRECTORY_TIMEOUT.toMillis() + "ms",
                "parley.relay.shutdown-grace=500ms",
                "server.port=0",
                "server.address=127.0.0.1"));
    }

    /** Starts relay {@code i} (again), and waits until it has registered. */
    public void start(int i) {
        launch(i);
        await("relay " + id(i) + " registered").atMost(Duration.ofSeconds(10))
                .until(() -> redis.commands().exists(relayKey(id(i))) == 1);
    }

    /** Starts relay {@code i} (again) without waiting for Redis. */
    public void launch(int i) {
        // as command-line arguments: they override the jar's application.yml (server.port), which
        // the builder's default properties would not
        relays[i] = new SpringApplicationBuilder(RelayApplication.class, PrivateReactorResources.class)
                .run(properties(HOSTS.get(i)).stream().map(p -> "--" + p).toArray(String[]::new));
    }

    /** Stops relay {@code i} gracefully (Error 7 to its members, its rooms released). */
    public void stop(int i) {
        relays[i].close();
        relays[i] = null;
    }

    /** Starts every relay that a test stopped. */
    public void ensureRunning() {
        for (int i = 0; i < relays.length; i++) {
            if (relays[i] == null) {
                start(i);
            }
        }
    }

    public ConfigurableApplicationContext relay(int i) {
        return relays[i];
    }

    public ClusterNode node(int i) {
        return relays[i].getBean(ClusterNode.class);
    }

    public int members(int i) {
        return relays[i].getBean(RoomRegistry.class).members();
    }

    public String host(int i) {
        return HOSTS.get(i);
    }

    /** The relay's id in the directory: its advertised host:port. */
    public String id(int i) {
        return HOSTS.get(i) + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The one certificate pin of all three relays (hex). */
    public String pin() {
        for (ConfigurableApplicationContext r : relays) {
            if (r != null) {
                return r.getBean(RelayTls.class).fingerprint();
            }
        }
        throw new IllegalStateException("no relay is running");
    }

    public TestClient client(int i) {
        return TestClient.connect(HOSTS.get(i), port, pin());
    }

    public static String relayKey(String id) {
        return "parley:relay:" + id;
    }

    public static String roomKey(dev.parley.common.domain.RoomId room) {
        return "parley:room:" + Long.toUnsignedString(room.value());
    }

    public HttpResponse<String> get(int i, String path) throws IOException, InterruptedException {
        String webPort = relays[i].getEnvironment().getProperty("local.server.port");
        // a relay that stopped answering fails the test instead of hanging it
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(int i, String path) throws IOException, InterruptedException {
        return JSON.readTree(get(i, path).body());
    }

    /** A UDP port free on all three addresses and the spare one. */
    private static int freeUdpPortOnEveryHost() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOSTS.get(0)), 0))) {
                int candidate = first.getLocalPort();
                List<DatagramSocket> others = new ArrayList<>();
                try {
                    for (String host : List.of(HOSTS.get(1), HOSTS.get(2), SPARE_HOST)) {
                        others.add(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), candidate)));
                    }
                    return candidate;
                } catch (SocketException taken) {
                    // try another
                } finally {
                    others.forEach(DatagramSocket::close);
                }
            }
        }
        throw new IOException("no UDP port free on " + HOSTS + " and " + SPARE_HOST);
    }

    /**
     * Reactor Netty's HTTP server shares global event loops, which closing one context disposes of:
     * with several relays in one JVM, stopping one would take the others' actuator down with it.
     */
    @Configuration(proxyBeanMethods = false)
    static class PrivateReactorResources {
        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < relays.length; i++) {
            if (relays[i] != null) {
                stop(i);
            }
        }
    }
}
