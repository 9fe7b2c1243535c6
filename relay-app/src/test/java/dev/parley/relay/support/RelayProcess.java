package dev.parley.relay.support;

import dev.parley.relay.RelayApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A relay in a JVM of its own, so that a test can kill it the way a machine dies: SIGKILL, no
 * Error 7, no release, no deregistration.
 */
public final class RelayProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private RelayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@link RelayApplication} with these {@code name=value} settings, on the test class path. */
    public static RelayProcess start(List<String> properties) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), RelayApplication.class.getName()));
        for (String p : properties) {
            command.add("--" + p);
        }
        Path log = Files.createTempFile("parley-relay-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RelayProcess(process, log);
    }

    /** SIGKILL, and wait until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the relay process did not die");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its output so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
        Files.deleteIfExists(log);
    }
}
