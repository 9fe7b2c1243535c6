package dev.parley.bench.call;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real relay (relay-app's runnable jar) in a child JVM on loopback, so its CPU is its own: a
 * self-signed certificate, UDP and actuator ports chosen by the OS. The port and the pin
 * are read from its log, which is kept in {@code relay.log} beside the certificate (appended to:
 * a relay started again in the same directory adds to it).
 */
public final class RelayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Relay listening on UDP \\S*:(\\d+)");
    private static final Pattern PIN = Pattern.compile("Certificate fingerprint ([0-9a-fA-F]{64})");

    private final Process process;
    private final int port;
    private final String fingerprint;

    private RelayProcess(Process process, int port, String fingerprint) {
        this.process = process;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /** Starts the relay and waits (at most 60 s) until it listens. */
    static RelayProcess start(Path jar, Path workDir, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(jar, workDir, jvmOptions, Map.of());
    }

    /**
     * Starts the relay with {@code settings} ({@code parley.relay.port} and the like, without the
     * leading dashes) replacing or adding to the defaults here, and waits (at most 60 s) until it listens.
     */
    public static RelayProcess start(Path jar, Path workDir, List<String> jvmOptions, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("parley.relay.port", "0");
        all.put("parley.relay.bind-address", "127.0.0.1");
        all.put("parley.relay.tls.directory", dir.resolve("tls").toString());
        // the web server (actuator) is what keeps the relay's JVM alive: give it any free port
        all.put("server.port", "0");
        all.put("spring.config.location", "optional:classpath:/");
        all.putAll(settings);
        List<String> cmd = new ArrayList<>();
        cmd.add(Jvm.java());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        // one argument per name: Spring would join a repeated one into a list
        all.forEach((name, value) -> cmd.add("--" + name + "=" + value));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<String> pin = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter log = new PrintWriter(Files.newBufferedWriter(dir.resolve("relay.log"),
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.println(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                    Matcher f = PIN.matcher(line);
                    if (f.find()) {
                        pin.complete(f.group(1).toLowerCase());
                    }
                }
            } catch (IOException e) {
                // the relay exited
            }
            port.completeExceptionally(new IOException("the relay exited before listening; see " + dir.resolve("relay.log")));
            pin.completeExceptionally(new IOException("the relay printed no fingerprint; see " + dir.resolve("relay.log")));
        }, "relay-log");
        reader.setDaemon(true);
        reader.start();
        try {
            int listening = port.get(60, TimeUnit.SECONDS);
            String fp = pin.get(5, TimeUnit.SECONDS);
            return new RelayProcess(p, listening, fp);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the relay did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the process has exited; false on timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a machine dies: no Error 7, no release of its rooms; waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the relay shuts down normally (Error 7 to its members); does not wait. */
    public void terminate() {
        process.destroy();
    }

    @Override
    public void close() {
        Jvm.stop(process);
    }
}
