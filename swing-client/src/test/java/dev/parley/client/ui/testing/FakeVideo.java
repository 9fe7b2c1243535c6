package dev.parley.client.ui.testing;

import dev.parley.client.ui.engine.ScreenChoice;
import dev.parley.client.ui.engine.VideoBackend;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two cameras and two screens that serve a test picture; opening "Busy Camera" fails the way a camera
 * another application holds does, with a sentence. Records what was opened.
 */
public final class FakeVideo implements VideoBackend {
    public static final String BUSY = "Busy Camera";
    public static final String BUSY_SENTENCE = "The camera \u201cBusy Camera\u201d is in use by another application.";

    public final List<String> opened = new CopyOnWriteArrayList<>();
    public final List<TestPictureSource> sources = new CopyOnWriteArrayList<>();
    public volatile List<ScreenChoice> screens = List.of(new ScreenChoice(":0.0", "Screen 1 (1600 \u00d7 1000)"),
            new ScreenChoice(":0.1", "Screen 2 (1280 \u00d7 720)"));

    @Override
    public List<String> cameras() {
        return List.of("Front Camera", BUSY);
    }

    @Override
    public VideoSource openCamera(Optional<String> name) throws IOException {
        if (name.filter(BUSY::equals).isPresent()) {
            throw new IOException(BUSY_SENTENCE);
        }
        opened.add("camera:" + name.orElse("default"));
        return add(new TestPictureSource(VideoStreamKind.CAMERA, 0x3366cc, 64, 36));
    }

    @Override
    public List<ScreenChoice> screens() {
        return screens;
    }

    @Override
    public VideoSource openScreen(String id) {
        opened.add("screen:" + id);
        return add(new TestPictureSource(VideoStreamKind.SCREEN, 0x22aa44, 128, 72));
    }

    private TestPictureSource add(TestPictureSource s) {
        sources.add(s);
        return s;
    }

    /** A source of one solid colour at 15 frames a second. */
    public static final class TestPictureSource implements VideoSource {
        private final VideoStreamKind kind;
        private final int rgb;
        private final int width;
        private final int height;
        public volatile boolean closed;

        public TestPictureSource(VideoStreamKind kind, int rgb, int width, int height) {
            this.kind = kind;
            this.rgb = rgb;
            this.width = width;
            this.height = height;
        }

        @Override
        public VideoStreamKind kind() {
            return kind;
        }

        @Override
        public int frameRate() {
            return 15;
        }

        @Override
        public Picture next() throws InterruptedException {
            if (closed) {
                return null;
            }
            Thread.sleep(1000 / frameRate()); // the source's own pace, as a camera's
            int[] pixels = new int[width * height];
            Arrays.fill(pixels, rgb);
            return new Picture(width, height, pixels);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
