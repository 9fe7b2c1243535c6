package dev.parley.client.e2e;

import dev.parley.client.audio.Evidence;
import dev.parley.client.testing.SpeakerRecording;
import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.media.WavFileSink;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4, Java Sound end to end: speech played into the virtual microphone is captured by one
 * headless client ({@code --input default}), crosses the real relay encrypted, and is played by the
 * other ({@code --output default}) to the virtual speaker, whose recording must match the speech.
 */
@ExtendWith(VirtualAudioExtension.class)
class JavaSoundCallTest {
    private static final Pattern ALICE_PRESENT = Pattern.compile("Alice \\(peer \\d+\\) is in the call");

    @Test
    void speechFromTheMicrophoneComesOutOfThePeersSpeaker(VirtualAudio audio, @TempDir Path dir) throws Exception {
        short[] speech = Arrays.copyOf(TestAudio.speechA(), 48_000 * 6);
        Path clip = dir.resolve("speech.wav");
        try (WavFileSink sink = new WavFileSink(clip)) {
            short[] frame = new short[960];
            for (int i = 0; i + 960 <= speech.length; i += 960) {
                System.arraycopy(speech, i, frame, 0, 960);
                sink.write(frame);
            }
        }
        try (RelayFixture relay = new RelayFixture(dir.resolve("tls"))) {
            String link = RoomLinks.format(relay.newRoom());
            HeadlessCallTest.Run listener = HeadlessCallTest.headless("--headless", "--link", link, "--name", "Bob",
                    "--output", "default", "--duration", "14s", "--profile", dir.resolve("pb").toString());
            Path recorded = dir.resolve("carol.wav");
            HeadlessCallTest.Run recorder = HeadlessCallTest.headless("--headless", "--link", link, "--name", "Carol",
                    "--record", recorded.toString(), "--duration", "14s", "--profile", dir.resolve("pc").toString());
            // the microphone as captured: this measures the devices and the transport; the audio
            // processing reshapes the waveform on purpose (EchoOnSpeakersTest, audio.processing tests)
            HeadlessCallTest.Run talker = HeadlessCallTest.headless("--headless", "--link", link, "--name", "Alice",
                    "--input", "default", "--audio-processing", "none", "--duration", "13s",
                    "--profile", dir.resolve("pa").toString());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    listener.stderr().contains("IN_CALL") && talker.stderr().contains("IN_CALL"));
            // the listener must hold the talker's key before the speech starts (the member list's
            // "with 2 others" was no sign of it: only whoever joined last sees it, maybe Carol)
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    ALICE_PRESENT.matcher(listener.stderr()).find());
            SpeakerRecording speaker = audio.recordSpeaker();
            Process player = audio.playIntoMicrophone(clip);
            assertThat(player.waitFor(15, TimeUnit.SECONDS)).isTrue();
            // the speech needs the call's delay to come out of the speaker: wait for a second of it
            int target = speaker.samples() + 48_000;
            await().atMost(Duration.ofSeconds(5)).until(() -> speaker.samples() >= target);
            short[] heard = speaker.stop();
            assertThat(talker.exit().get()).as(talker.stderr()).isZero();
            assertThat(listener.exit().get()).as(listener.stderr()).isZero();

            assertThat(recorder.exit().get()).as(recorder.stderr()).isZero();
            short[] viaFile = HeadlessCallTest.readAll(recorded);
            AudioCompare.Piecewise captured = AudioCompare.alignPiecewise(speech, viaFile, viaFile.length - 1, 12_000, 1_920);
            System.out.printf("java sound call, microphone to a peer's file: correlation %.3f%n", captured.correlation());
            AudioCompare.Piecewise aligned = AudioCompare.alignPiecewise(speech, heard, heard.length - 1, 12_000, 1_920);
            System.out.printf("java sound call: correlation %.3f, lag %d ms, drift %d ms; %d ms recorded in %d ms%n",
                    aligned.correlation(), aligned.globalLag() / 48, aligned.maxDrift() / 48, heard.length / 48,
                    speaker.wallMillis());
            // the description is built, and the WAVs kept, only when the assertion fails
            assertThat(aligned.correlation()).as(() -> Evidence.keep("java-sound-call", speech, heard))
                    .isGreaterThanOrEqualTo(0.9);
        }
    }
}
