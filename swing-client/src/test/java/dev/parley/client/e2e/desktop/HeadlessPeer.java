package dev.parley.client.e2e.desktop;

import dev.parley.client.cli.HeadlessMain;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One headless participant ({@link HeadlessMain}, the jar's {@code --headless} mode) on its own
 * thread of this JVM, with what it prints kept for the test. {@link #close()} interrupts it, which
 * makes it leave the call at once.
 */
public final class HeadlessPeer implements AutoCloseable {
    private static final Pattern PEER = Pattern.compile(
            "\\{\"peer_id\":(\\d+),\"name\":(null|\"(?:[^\"\\\\]|\\\\.)*\"),\"status\":(null|\"\\w+\").*?\"bitrate_in\":(\\d+)");

    private final String name;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread thread;

    private HeadlessPeer(String name, String[] args) {
        this.name = name;
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> {
            try {
                exit.complete(HeadlessMain.run(args, stdout, stderr));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "headless-" + name);
        thread.setDaemon(true);
    }

    /** Starts {@code --headless --name NAME} with the other arguments given. */
    public static HeadlessPeer start(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("--headless", "--name", name));
        all.addAll(List.of(args));
        HeadlessPeer peer = new HeadlessPeer(name, all.toArray(String[]::new));
        peer.thread.start();
        return peer;
    }

    public String name() {
        return name;
    }

    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** It reported being in the call (its state lines on standard error). */
    public boolean inCall() {
        return stderr().contains("IN_CALL");
    }

    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /** What its newest {@code --stats} line says about the peer with this display name. */
    public Optional<PeerReport> lastReportOn(String peerName) {
        String[] lines = stdout().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].startsWith("{")) {
                continue;
            }
            Matcher m = PEER.matcher(lines[i]);
            while (m.find()) {
                if (("\"" + peerName + "\"").equals(m.group(2))) {
                    return Optional.of(new PeerReport(Long.parseLong(m.group(1)),
                            m.group(3).replace("\"", ""), Long.parseLong(m.group(4))));
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The bitrate it receives from the peer with that name, per its newest stats line. */
    public OptionalLong bitrateInFrom(String peerName) {
        return lastReportOn(peerName).map(r -> OptionalLong.of(r.bitrateIn())).orElse(OptionalLong.empty());
    }

    /**
     * One sender in a stats line.
     *
     * @param peerId    its peer id in this call
     * @param status    JOINING, PRESENT or FAILED_VERIFICATION
     * @param bitrateIn bit/s received from it
     */
    public record PeerReport(long peerId, String status, long bitrateIn) {
    }

    /** Leaves the call (an interrupt ends the headless client's wait) and waits up to 10 s for it. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
