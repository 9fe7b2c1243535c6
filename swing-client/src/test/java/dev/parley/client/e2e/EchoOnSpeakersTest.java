package dev.parley.client.e2e;

import dev.parley.client.audio.Evidence;
import dev.parley.client.cli.HeadlessMain;
import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.media.WavFileSink;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, echo on real (virtual) devices: Bob listens on speakers, and what his speaker plays
 * reaches his microphone again 60 ms later and 8 dB quieter (a PulseAudio loopback from the
 * speaker's monitor into the microphone). Alice talks (a file) and records what comes back to her:
 * her own voice, unless Bob's audio processing takes it out. The same room is run twice, Bob's
 * processing off, then on (the default: echo cancellation, noise suppression, automatic gain), and
 * the echo Alice hears must be at least 20 dB weaker the second time.
 */
@ExtendWith(VirtualAudioExtension.class)
class EchoOnSpeakersTest {
    private static final Pattern ALICE_PRESENT = Pattern.compile("Alice \\(peer \\d+\\) is in the call");
    private static final Pattern OWNER = Pattern.compile("Sink Input #(\\d+)\\R(?:[^\\n]*\\R)*?\\s*Owner Module: (\\d+)");
    private static final Pattern DELAY = Pattern.compile("\"echo_delay_ms\":(\\d+)");
    private static final Pattern ERLE = Pattern.compile("\"erle_db\":([0-9.]+)");
    private static final int ECHO_DELAY_MILLIS = 60;
    private static final String ECHO_GAIN = "0.398"; // -8 dB
    private static final int SPEECH_SECONDS = 6;

    @Test
    void processingTakesTheEchoOutOfWhatThePeerHearsBack(VirtualAudio audio, @TempDir Path dir) throws Exception {
        short[] speech = Arrays.copyOf(TestAudio.speechA(), 48_000 * SPEECH_SECONDS);
        Path clip = dir.resolve("speech.wav");
        try (WavFileSink sink = new WavFileSink(clip)) {
            short[] frame = new short[960];
            for (int i = 0; i + 960 <= speech.length; i += 960) {
                System.arraycopy(speech, i, frame, 0, 960);
                sink.write(frame);
            }
        }
        try (RelayFixture relay = new RelayFixture(dir.resolve("tls"));
             AutoCloseable echo = echoPath(audio)) {
            Heard off = echoHeardBack(relay, clip, "none", dir.resolve("off"));
            Heard on = echoHeardBack(relay, clip, "aec,ns,agc", dir.resolve("on"));

            double spoken = energyDb(speech);
            double offDb = energyDb(off.samples());
            double onDb = energyDb(on.samples());
            System.out.printf("echo on speakers: Alice spoke %.1f dB (energy); her echo came back at %.1f dB with"
                            + " Bob's processing off, %.1f dB with it on: %.1f dB less; Bob's canceller reported"
                            + " ERLE %s dB, delay %s ms%n", spoken, offDb, onDb, offDb - onDb, on.lastErle(),
                    on.lastDelay());
            System.out.println("  per second, off (dBFS):" + perSecond(off.samples()));
            System.out.println("  per second, on  (dBFS):" + perSecond(on.samples()));
            // the loop is there: without processing Alice hears herself about 8 dB down (Opus and the
            // devices' resampling change the waveform too much for a correlation to say more)
            assertThat(offDb).as("echo energy without processing, dB").isBetween(spoken - 8 - 6, spoken - 8 + 3);
            assertThat(offDb - onDb).as(() -> "echo energy removed, dB; " + Evidence.keep("echo-off", speech,
                    off.samples()) + "; " + Evidence.keep("echo-on", speech, on.samples())).isGreaterThanOrEqualTo(20);
            assertThat(on.lastDelay()).as("Bob's --stats show the canceller's delay").isNotNull();
        }
    }

    /** What Alice recorded of Bob, and the last echo figures Bob printed. */
    private record Heard(short[] samples, String lastErle, String lastDelay) {
    }

    private static Heard echoHeardBack(RelayFixture relay, Path clip, String processing, Path dir) throws Exception {
        String link = RoomLinks.format(relay.newRoom());
        Path recorded = dir.resolve("alice-heard.wav");
        Participant bob = Participant.start("--headless", "--link", link, "--name", "Bob", "--input", "default",
                "--output", "default", "--audio-processing", processing, "--stats", "--duration", "60s",
                "--profile", dir.resolve("pb").toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> bob.stderr().contains("IN_CALL"));
        Participant alice = Participant.start("--headless", "--link", link, "--name", "Alice", "--play",
                clip.toString(), "--record", recorded.toString(), "--profile", dir.resolve("pa").toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> ALICE_PRESENT.matcher(bob.stderr()).find());
        // Alice leaves once her file has played and its echo had time to come back
        assertThat(alice.exit().get(60, TimeUnit.SECONDS)).as(alice.stderr()).isZero();
        bob.thread().interrupt();
        assertThat(bob.exit().get(15, TimeUnit.SECONDS)).as(bob.stderr()).isZero();
        String stats = bob.out().toString();
        return new Heard(HeadlessCallTest.readAll(recorded), last(ERLE, stats), last(DELAY, stats));
    }

    /** A loop from Bob's speaker back into his microphone: PulseAudio plays the speaker's sound into it. */
    private static AutoCloseable echoPath(VirtualAudio audio) throws IOException {
        String module = audio.pactl("load-module", "module-loopback", "source=" + VirtualAudio.SPEAKER_MONITOR,
                "sink=micfeed", "latency_msec=" + ECHO_DELAY_MILLIS, "source_dont_move=true", "sink_dont_move=true")
                .strip();
        try {
            Matcher m = OWNER.matcher(audio.pactl("list", "sink-inputs"));
            String input = null;
            while (m.find()) {
                if (m.group(2).equals(module)) {
                    input = m.group(1);
                }
            }
            assertThat(input).as("the loopback's sink input").isNotNull();
            audio.pactl("set-sink-input-volume", input, ECHO_GAIN);
        } catch (IOException | AssertionError e) {
            audio.pactl("unload-module", module);
            throw e;
        }
        return () -> audio.pactl("unload-module", module);
    }

    private static String last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }

    private static String perSecond(short[] pcm) {
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i + 48_000 <= pcm.length; i += 48_000) {
            levels.append(String.format(" %.0f", dev.parley.common.testing.audio.AudioCompare.rmsDbfs(pcm, i, 48_000)));
        }
        return levels.toString();
    }

    private static double energyDb(short[] pcm) {
        double energy = 1;
        for (short s : pcm) {
            energy += (double) s * s;
        }
        return 10 * Math.log10(energy);
    }

    /** A headless client in this JVM, on a thread of its own that an interrupt makes leave. */
    private record Participant(Thread thread, CompletableFuture<Integer> exit, ByteArrayOutputStream out,
                               ByteArrayOutputStream err) {
        static Participant start(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread thread = new Thread(() -> exit.complete(
                    HeadlessMain.run(args, new PrintStream(out, true), new PrintStream(err, true))),
                    "headless-" + args[4]);
            thread.setDaemon(true);
            thread.start();
            return new Participant(thread, exit, out, err);
        }

        String stderr() {
            return err.toString();
        }
    }
}
