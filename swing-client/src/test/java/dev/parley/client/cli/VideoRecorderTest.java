package dev.parley.client.cli;

import dev.parley.common.domain.PeerId;
import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.Picture;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VideoRecorderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PeerId BOB = new PeerId(2);
    private static final long SSRC = 3_000_000_001L;

    @TempDir
    Path dir;

    @Test
    void writesEachPictureAsPngWithALineOfTiming() throws Exception {
        TestPattern pattern = new TestPattern();
        List<Long> arrivals = new ArrayList<>();
        long wallBefore = System.currentTimeMillis();
        try (VideoRecorder recorder = new VideoRecorder(dir.resolve("video"))) {
            for (long id = 0; id < 5; id++) {
                long arrival = System.nanoTime();
                arrivals.add(arrival);
                long decoded = arrival + TimeUnit.MICROSECONDS.toNanos(1500 + id * 100);
                recorder.onPicture(BOB, SSRC, VideoStreamKind.CAMERA, pattern.pictureFor(id),
                        new FrameTiming(id, 90_000 + id * 6000, arrival, decoded, VideoCodec.VP8, id == 0));
            }
            recorder.onStreamEnded(BOB, SSRC, VideoStreamKind.CAMERA);
        }
        long wallAfter = System.currentTimeMillis();

        Path video = dir.resolve("video");
        List<JsonNode> lines = lines(video);
        assertThat(lines).hasSize(7);
        for (int id = 0; id < 5; id++) {
            JsonNode line = lines.get(id);
            assertThat(line.path("event").asString()).isEqualTo("frame");
            assertThat(line.path("sender").asLong()).isEqualTo(2);
            assertThat(line.path("ssrc").asLong()).isEqualTo(SSRC);
            assertThat(line.path("kind").asString()).isEqualTo("camera");
            assertThat(line.path("frame_id").asLong()).isEqualTo(id);
            assertThat(line.path("capture_timestamp").asLong()).isEqualTo(90_000 + id * 6000L);
            assertThat(line.path("codec").asString()).isEqualTo("VP8");
            assertThat(line.path("keyframe").asBoolean()).isEqualTo(id == 0);
            assertThat(line.path("width").asInt()).isEqualTo(640);
            assertThat(line.path("height").asInt()).isEqualTo(360);
            assertThat(line.path("dropped").asLong()).isZero();
            double arrivalMs = line.path("arrival_ms").asDouble();
            double decodedMs = line.path("decoded_ms").asDouble();
            assertThat(arrivalMs).isBetween(wallBefore - 1.0, wallAfter + 1.0);
            assertThat(decodedMs - arrivalMs).isCloseTo(1.5 + id * 0.1, within(0.001));
            assertThat(line.path("decode_ms").asDouble()).isCloseTo(1.5 + id * 0.1, within(0.0001));
            if (id > 0) {
                // the same clock for every line: gaps between arrivals are kept exactly
                double gap = arrivalMs - lines.get(id - 1).path("arrival_ms").asDouble();
                assertThat(gap).isCloseTo((arrivals.get(id) - arrivals.get(id - 1)) / 1e6, within(0.001));
            }

            String file = line.path("file").asString();
            assertThat(file).isEqualTo("2-3000000001-0000000" + id + ".png");
            BufferedImage png = ImageIO.read(video.resolve(file).toFile());
            int[] rgb = png.getRGB(0, 0, 640, 360, null, 0, 640);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xFFFFFF;
            }
            assertThat(rgb).as("PNG is lossless").isEqualTo(pattern.pictureFor(id).rgb());
            assertThat(FrameNumberStrip.read(new Picture(640, 360, rgb))).hasValue(id);
        }
        JsonNode end = lines.get(5);
        assertThat(end.path("event").asString()).isEqualTo("stream_ended");
        assertThat(end.path("sender").asLong()).isEqualTo(2);
        assertThat(end.path("ssrc").asLong()).isEqualTo(SSRC);
        assertThat(end.path("kind").asString()).isEqualTo("camera");
        assertThat(end.path("ended_ms").asDouble()).isBetween(wallBefore - 1.0, wallAfter + 1.0);
        JsonNode closed = lines.get(6);
        assertThat(closed.path("event").asString()).isEqualTo("closed");
        assertThat(closed.path("written").asLong()).isEqualTo(5);
        assertThat(closed.path("dropped").asLong()).isZero();
        assertThat(closed.path("failed").asLong()).isZero();
    }

    @Test
    void neverMakesTheCallerWaitAndCountsWhatItDrops() throws Exception {
        Picture large = new TestPattern().withSize(1280, 720).pictureFor(7);
        long slowest = 0;
        VideoRecorder recorder = new VideoRecorder(dir, 2);
        for (long id = 0; id < 200; id++) {
            long start = System.nanoTime();
            recorder.onPicture(BOB, SSRC, VideoStreamKind.SCREEN, large,
                    new FrameTiming(id, id * 11_250, start, start, VideoCodec.JPEG, true));
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        recorder.close();

        // a 720p PNG takes tens of milliseconds; handing one over takes microseconds
        assertThat(slowest).isLessThan(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(recorder.dropped()).isPositive();
        assertThat(recorder.written() + recorder.dropped()).isEqualTo(200);
        List<JsonNode> lines = lines(dir);
        List<JsonNode> frames = lines.stream().filter(l -> l.path("event").asString().equals("frame")).toList();
        assertThat(frames).hasSize((int) recorder.written());
        try (var pngs = Files.list(dir)) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(recorder.written());
        }
        // the count grows along the lines and the last line has the total
        assertThat(frames.get(frames.size() - 1).path("dropped").asLong()).isPositive();
        JsonNode closed = lines.get(lines.size() - 1);
        assertThat(closed.path("event").asString()).isEqualTo("closed");
        assertThat(closed.path("dropped").asLong()).isEqualTo(recorder.dropped());
        assertThat(closed.path("written").asLong()).isEqualTo(recorder.written());
    }

    @Test
    void ignoresPicturesAfterClosing() throws Exception {
        VideoRecorder recorder = new VideoRecorder(dir);
        recorder.close();
        recorder.onPicture(BOB, SSRC, VideoStreamKind.CAMERA, new TestPattern().pictureFor(1),
                new FrameTiming(1, 0, 0, 0, VideoCodec.VP8, true));
        recorder.onStreamEnded(BOB, SSRC, VideoStreamKind.CAMERA);
        recorder.close();
        assertThat(lines(dir)).singleElement().satisfies(l -> assertThat(l.path("event").asString()).isEqualTo("closed"));
        assertThat(recorder.written()).isZero();
    }

    @Test
    void aDirectoryThatCannotBeMadeIsASentence() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> new VideoRecorder(file.resolve("video")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot record video into " + file.resolve("video") + ": ");
    }

    private static List<JsonNode> lines(Path dir) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(VideoRecorder.INDEX_FILE))) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
