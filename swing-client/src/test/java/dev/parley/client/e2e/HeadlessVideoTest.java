package dev.parley.client.e2e;

import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;
import dev.parley.common.video.TestPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.parley.client.e2e.HeadlessCallTest.headless;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10 end to end: the real relay and two headless participants (the jar's {@code --headless}
 * mode, in this JVM). Alice sends the test pattern (VP8, 640x360, 500 kbit/s) and speech; Bob
 * records both, once on a clean path and once with 5 % of his incoming datagrams dropped. The
 * recorded PNGs carry the frame number in their strip, so each is compared with the picture that
 * was sent.
 */
class HeadlessVideoTest {
    private static final Pattern FRAME = Pattern.compile(
            "\"event\":\"frame\".*\"frame_id\":(\\d+).*\"decoded_ms\":([0-9.]+).*\"file\":\"([^\"]+)\".*\"dropped\":(\\d+)");
    private static RelayFixture relay;
    private static Path speech;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startRelay() throws IOException {
        relay = new RelayFixture(dir.resolve("tls"));
        speech = dir.resolve("speech-a-48k.wav");
        try (InputStream in = HeadlessVideoTest.class.getResourceAsStream(TestAudio.SPEECH_A)) {
            Files.copy(in, speech);
        }
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    private record Room(HeadlessCallTest.Run alice, HeadlessCallTest.Run bob, Path video, Path heard) {
    }

    private Room startRoom(String name, double loss) {
        RoomLink link = relay.newRoom();
        String text = RoomLinks.format(link);
        Path video = dir.resolve(name + "-video");
        Path heard = dir.resolve(name + "-heard.wav");
        HeadlessCallTest.Run bob = headless("--headless", "--link", text, "--name", "Bob", "--record", heard.toString(),
                "--record-video", video.toString(), "--duration", "22s", "--stats",
                "--profile", dir.resolve(name + "-pb").toString(), "--receive-loss", Double.toString(loss));
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> bob.stderr().contains("IN_CALL"));
        HeadlessCallTest.Run alice = headless("--headless", "--link", text, "--name", "Alice", "--play",
                speech.toString(), "--video", "test-pattern", "--video-bitrate", "500000",
                "--profile", dir.resolve(name + "-pa").toString());
        return new Room(alice, bob, video, heard);
    }

    /** One recorded picture: its frame id, when it was decoded, and the frame number its strip shows. */
    private record Recorded(long frameId, double decodedMs, OptionalLong number, Picture picture, long droppedBefore) {
    }

    @Test
    void testPatternArrivesCleanAndRecoversFromLoss() throws Exception {
        Room clean = startRoom("clean", 0);
        Room lossy = startRoom("lossy", 0.05);
        for (Room room : List.of(clean, lossy)) {
            assertThat(room.alice().exit().get()).as("Alice: " + room.alice().stderr()).isZero();
            assertThat(room.bob().exit().get()).as("Bob: " + room.bob().stderr()).isZero();
        }
        TestPattern sent = new TestPattern();

        List<Recorded> cleanFrames = read(clean.video());
        Summary c = summarize("clean", cleanFrames, sent);
        assertThat(c.decodedShare).as("share of sent frames decoded on a clean path").isGreaterThanOrEqualTo(0.95);
        assertThat(c.meanPsnr).as("mean PSNR on a clean path, dB").isGreaterThanOrEqualTo(35);

        List<Recorded> lossyFrames = read(lossy.video());
        Summary l = summarize("5 % loss", lossyFrames, sent);
        assertThat(l.longestFreezeMs).as("longest time without a new clean picture at 5 % loss, ms")
                .isLessThanOrEqualTo(1_000);
        short[] source = TestAudio.speechA();
        short[] heard = HeadlessCallTest.readAll(lossy.heard());
        AudioCompare.Piecewise aligned = AudioCompare.alignPiecewise(source, heard, heard.length - 1, 12_000, 1_920);
        System.out.printf("5 %% loss: audio correlation %.3f%n", aligned.correlation());
        assertThat(aligned.correlation()).as("audio beside video at 5 % loss").isGreaterThanOrEqualTo(0.85);
        assertThat(clean.bob().out().toString()).contains("\"video_in\":[{");
    }

    private record Summary(double decodedShare, double meanPsnr, double longestFreezeMs) {
    }

    private static Summary summarize(String what, List<Recorded> frames, TestPattern sent) {
        assertThat(frames).as(what + ": recorded frames").hasSizeGreaterThan(100);
        TreeSet<Long> frameIds = new TreeSet<>();
        long notWritten = 0;
        double psnr = 0;
        int compared = 0;
        double longestFreeze = 0;
        for (int i = 0; i < frames.size(); i++) {
            Recorded r = frames.get(i);
            frameIds.add(r.frameId());
            notWritten = Math.max(notWritten, r.droppedBefore());
            if (r.number().isPresent()) {
                psnr += Pictures.psnr(sent.pictureFor(r.number().getAsLong()), r.picture());
                compared++;
            }
            if (i > 0) {
                longestFreeze = Math.max(longestFreeze, r.decodedMs() - frames.get(i - 1).decodedMs());
            }
        }
        assertThat(compared).as(what + ": pictures whose strip reads").isGreaterThanOrEqualTo(frames.size() * 95 / 100);
        // frame ids count the frames sent; pictures the recorder had no time to write were decoded all the same
        double share = (double) (frameIds.size() + notWritten) / (frameIds.last() - frameIds.first() + 1);
        Summary s = new Summary(share, psnr / compared, longestFreeze);
        System.out.printf("%s: %d pictures (%d more not written), %.1f %% of the frames sent in between decoded,"
                + " mean PSNR %.1f dB, longest freeze %.0f ms%n",
                what, frames.size(), notWritten, 100 * share, s.meanPsnr(), s.longestFreezeMs());
        return s;
    }

    private static List<Recorded> read(Path video) throws IOException {
        List<Recorded> out = new ArrayList<>();
        for (String line : Files.readAllLines(video.resolve("frames.jsonl"))) {
            Matcher m = FRAME.matcher(line);
            if (!m.find()) {
                continue;
            }
            Picture p = Pictures.fromImage(ImageIO.read(video.resolve(m.group(3)).toFile()));
            out.add(new Recorded(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), FrameNumberStrip.read(p), p,
                    Long.parseLong(m.group(4))));
        }
        out.sort((a, b) -> Double.compare(a.decodedMs(), b.decodedMs()));
        return out;
    }
}
