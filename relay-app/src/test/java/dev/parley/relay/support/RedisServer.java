package dev.parley.relay.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the test; it can be
 * killed mid-test and started again on the same port (empty, as after a crash without persistence).
 *
 * <p>Without {@code redis-server} on the PATH the test is skipped, except under CI
 * ({@code CI=true} or {@code CI_REQUIRE_REDIS=1}), where {@code .ci/run} installs it and a missing
 * server fails the build.
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "redis-server";

    private final int port;
    private final Path log;
    private Process process;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private RedisServer(int port) throws IOException {
        this.port = port;
        this.log = Files.createTempFile("parley-redis-", ".log");
    }

    /** Starts a server on a free port, or skips the test when redis-server is not installed (outside CI). */
    public static RedisServer start() throws IOException {
        requireInstalled();
        RedisServer server = new RedisServer(freeTcpPort());
        server.startProcess();
        return server;
    }

    private static void requireInstalled() {
        boolean installed = System.getenv("PATH") != null && java.util.Arrays.stream(
                        System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, BINARY)));
        if (installed) {
            return;
        }
        String why = BINARY + " is not installed (Debian: apt-get install redis-server)";
        if ("true".equals(System.getenv("CI")) || "1".equals(System.getenv("CI_REQUIRE_REDIS"))) {
            throw new AssertionError(why + "; CI needs it: .ci/run installs it");
        }
        Assumptions.abort(why + ": the cluster tests are skipped");
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("redis-server answering on port " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(this::answersPing);
    }

    /** Kills the server at once (SIGKILL): connections drop, everything it held is lost. */
    public void kill() throws InterruptedException {
        closeClient();
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("redis-server did not die");
        }
    }

    /** Starts it again on the same port, empty. */
    public void restart() throws IOException {
        startProcess();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Synchronous commands for the test's own checks (a separate connection from the relays'). */
    public synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            client = RedisClient.create(url());
            connection = client.connect();
        }
        return connection.sync();
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return n == 7 && new String(buf, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void closeClient() {
        if (connection != null) {
            connection.close();
            client.shutdown(0, 1, TimeUnit.SECONDS);
            connection = null;
            client = null;
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        closeClient();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(log);
    }
}
