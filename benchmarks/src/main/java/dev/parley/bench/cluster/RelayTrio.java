package dev.parley.bench.cluster;

import dev.parley.bench.call.RelayProcess;
import dev.parley.common.quic.TlsMaterial;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three real relays (relay-app's jar, each in a JVM of its own) on 127.0.0.2, 127.0.0.3 and
 * 127.0.0.4, one UDP port, one certificate (so one pin fits all three), one Redis directory, as
 * relay-app's test support {@code RelayCluster} arranges them in one JVM. Linux routes all of
 * 127/8 to the loopback interface, so the addresses need no setup. Each relay can be shut down
 * (SIGTERM: Error 7) or killed (SIGKILL) and started again.
 */
final class RelayTrio implements AutoCloseable {
    static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    private static final Duration START = Duration.ofSeconds(60);

    private final Path jar;
    private final Path out;
    private final List<String> jvmOptions;
    private final Map<String, String> settings;
    private final RedisProcess redis;
    private final int port;
    private final String pin;
    private final RelayProcess[] relays = new RelayProcess[HOSTS.size()];

    private RelayTrio(Path jar, Path out, List<String> jvmOptions, Map<String, String> settings, RedisProcess redis,
                      int port, String pin) {
        this.jar = jar;
        this.out = out;
        this.jvmOptions = jvmOptions;
        this.settings = settings;
        this.redis = redis;
        this.port = port;
        this.pin = pin;
    }

    /**
     * Starts the three relays with {@code extraSettings} ({@code name=value}) on top of the cluster
     * settings, and waits until each has joined the cluster.
     */
    static RelayTrio start(Path jar, Path out, List<String> jvmOptions, RedisProcess redis,
                           Map<String, String> extraSettings) throws IOException, InterruptedException {
        // generated once here, so the three relays reuse it instead of racing to generate their own
        Path tls = out.resolve("tls").toAbsolutePath();
        String pin = TlsMaterial.loadOrGenerate(tls, "localhost").material().fingerprint();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parley.relay.port", Integer.toString(freeUdpPortOnEveryHost()));
        settings.put("parley.relay.tls.directory", tls.toString());
        settings.put("parley.relay.cluster.redis", redis.url());
        settings.putAll(extraSettings);
        RelayTrio trio = new RelayTrio(jar, out, jvmOptions, settings, redis,
                Integer.parseInt(settings.get("parley.relay.port")), pin);
        try {
            for (int i = 0; i < HOSTS.size(); i++) {
                trio.start(i);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            trio.close();
            throw e;
        }
        return trio;
    }

    /** Starts relay {@code i} (again) and waits until it has joined the cluster. */
    void start(int i) throws IOException, InterruptedException {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("parley.relay.bind-address", HOSTS.get(i));
        relays[i] = RelayProcess.start(jar, out.resolve("relay-" + (i + 1)), jvmOptions, s);
        // registered: its key in the directory (a killed relay's key is gone by then: its rooms
        // could only move once it had expired)
        String key = settings.getOrDefault("parley.relay.cluster.key-prefix", "parley:") + "relay:" + HOSTS.get(i)
                + ":" + port;
        long deadline = System.nanoTime() + START.toNanos();
        while (!redis.exists(key) && relays[i].isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!redis.exists(key)) {
            throw new IOException("relay " + HOSTS.get(i) + " did not join the cluster within " + START.toSeconds()
                    + " s; see " + out.resolve("relay-" + (i + 1)).resolve("relay.log"));
        }
    }

    /** Shuts relay {@code i} down normally (SIGTERM: Error 7 to its members, its rooms released); does not wait. */
    void terminate(int i) {
        relays[i].terminate();
    }

    /** Kills relay {@code i} (SIGKILL) and waits until it is gone. */
    void kill(int i) throws InterruptedException {
        relays[i].kill();
    }

    /** Waits until relay {@code i} has exited. */
    boolean awaitExit(int i, Duration timeout) throws InterruptedException {
        return relays[i].awaitExit(timeout);
    }

    /** The index of the relay at {@code address}, or -1. */
    static int indexOf(String address) {
        return HOSTS.indexOf(address);
    }

    int port() {
        return port;
    }

    String pin() {
        return pin;
    }

    /** A UDP port free on all three addresses. */
    private static int freeUdpPortOnEveryHost() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOSTS.get(0)), 0))) {
                int candidate = first.getLocalPort();
                List<DatagramSocket> others = new ArrayList<>();
                try {
                    for (String host : HOSTS.subList(1, HOSTS.size())) {
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
        throw new IOException("no UDP port free on " + HOSTS);
    }

    @Override
    public void close() {
        for (RelayProcess r : relays) {
            if (r != null) {
                r.close();
            }
        }
    }
}
