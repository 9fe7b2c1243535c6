package dev.parley.client.e2e;

import dev.parley.client.cli.HeadlessMain;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.media.WavFileSource;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4 end to end: the real relay and three headless participants (the desktop jar's
 * {@code --headless} mode, run in this JVM). A plays speech, B and C record what they hear; once on
 * a clean path and once with 10 % of datagrams dropped on each receive path. Both rooms run at the
 * same time to keep the suite short.
 */
class HeadlessCallTest {
    private static RelayFixture relay;
    private static Path speech;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startRelay() throws IOException {
        relay = new RelayFixture(dir.resolve("tls"));
        speech = dir.resolve("speech-a-48k.wav");
        try (InputStream in = HeadlessCallTest.class.getResourceAsStream(TestAudio.SPEECH_A)) {
            Files.copy(in, speech);
        }
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    /** One run of the headless client; its exit code and what it printed. */
    record Run(CompletableFuture<Integer> exit, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        String stderr() {
            return err.toString();
        }
    }

    static Run headless(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // a thread of its own per participant: nothing shared between test classes or reruns
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> HeadlessMain.run(args, new PrintStream(out, true), new PrintStream(err, true)), task -> {
                    Thread t = new Thread(task, "headless-" + args[Math.min(4, args.length - 1)]);
                    t.setDaemon(true);
                    t.start();
                });
        return new Run(exit, out, err);
    }

    private record Room(String link, Run a, Run b, Run c, Path heardB, Path heardC) {
    }

    private Room startRoom(String name, double loss) {
        RoomLink link = relay.newRoom();
        String text = RoomLinks.format(link);
        Path heardB = dir.resolve(name + "-b.wav");
        Path heardC = dir.resolve(name + "-c.wav");
        String lossArg = Double.toString(loss);
        Run b = headless("--headless", "--link", text, "--name", "Bob", "--record", heardB.toString(),
                "--duration", "24s", "--stats", "--profile", dir.resolve(name + "-pb").toString(), "--receive-loss", lossArg);
        Run c = headless("--headless", "--link", text, "--name", "Carol", "--record", heardC.toString(),
                "--duration", "24s", "--profile", dir.resolve(name + "-pc").toString(), "--receive-loss", lossArg);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                b.stderr().contains("IN_CALL") && c.stderr().contains("IN_CALL"));
        Run a = headless("--headless", "--link", text, "--name", "Alice", "--play", speech.toString(),
                "--profile", dir.resolve(name + "-pa").toString());
        return new Room(text, a, b, c, heardB, heardC);
    }

    @Test
    void threeParticipantsOnCleanAndLossyPaths() throws Exception {
        Room clean = startRoom("clean", 0);
        Room lossy = startRoom("lossy", 0.10);
        List<String> failures = new ArrayList<>();
        for (Room room : List.of(clean, lossy)) {
            assertThat(room.a().exit().get()).as("Alice: " + room.a().stderr()).isZero();
            assertThat(room.b().exit().get()).as("Bob: " + room.b().stderr()).isZero();
            assertThat(room.c().exit().get()).as("Carol: " + room.c().stderr()).isZero();
        }
        short[] source = TestAudio.speechA();
        for (Room room : List.of(clean, lossy)) {
            boolean lossyRoom = room == lossy;
            for (Path heardFile : List.of(room.heardB(), room.heardC())) {
                short[] heard = readAll(heardFile);
                AudioCompare.Piecewise aligned = AudioCompare.alignPiecewise(source, heard, heard.length - 1, 12_000, 1_920);
                int gap = AudioCompare.longestGapMillis(source, heard, aligned.globalLag());
                System.out.printf("%s %s: correlation %.3f, drift %d ms, longest gap %d ms%n",
                        lossyRoom ? "lossy" : "clean", heardFile.getFileName(), aligned.correlation(),
                        aligned.maxDrift() / 48, gap);
                double needed = lossyRoom ? 0.85 : 0.9;
                if (aligned.correlation() < needed) {
                    failures.add(heardFile.getFileName() + " correlation " + aligned.correlation() + " < " + needed);
                }
                if (lossyRoom && gap > 100) {
                    failures.add(heardFile.getFileName() + " has a gap of " + gap + " ms");
                }
            }
        }
        assertThat(clean.b().out().toString()).contains("\"peers\":[{\"peer_id\"");
        assertThat(failures).isEmpty();
    }

    static short[] readAll(Path wav) throws IOException {
        try (WavFileSource source = WavFileSource.open(wav)) {
            return source.readAll();
        }
    }
}
