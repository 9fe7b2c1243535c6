package dev.parley.bench.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port for the cluster benchmarks: no persistence,
 * its output in a log file. Asks it questions over a plain socket (RESP), so the benchmarks need no
 * Redis client library.
 */
public final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code redis-server} and waits (at most 10 s) until it answers PING. */
    public static RedisProcess start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p;
        try {
            p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start redis-server (Debian: apt-get install redis-server): " + e.getMessage(), e);
        }
        RedisProcess redis = new RedisProcess(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"+PONG".equals(redis.ask("PING"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new IOException("redis-server did not answer on port " + port + "; see " + log);
            }
            Thread.sleep(20);
        }
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether {@code key} exists (false also when the server does not answer). */
    public boolean exists(String key) {
        return ":1".equals(ask("EXISTS", key));
    }

    /** The first line of the answer to one command, or null when the server does not answer. */
    String ask(String... command) {
        StringBuilder req = new StringBuilder("*").append(command.length).append("\r\n");
        for (String c : command) {
            req.append('$').append(c.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(c).append("\r\n");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
