package dev.parley.common.video;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPatternTest {

    @Test
    void defaultsToA360pCameraAt15Fps() {
        try (TestPattern pattern = new TestPattern()) {
            assertThat(pattern.kind()).isEqualTo(VideoStreamKind.CAMERA);
            assertThat(pattern.frameRate()).isEqualTo(15);
            assertThat(pattern.width()).isEqualTo(640);
            assertThat(pattern.height()).isEqualTo(360);
            assertThat(pattern.frameLimit()).isEqualTo(TestPattern.UNLIMITED);
        }
        TestPattern screen = new TestPattern().withKind(VideoStreamKind.SCREEN).withSize(1280, 720).withFrameRate(8);
        assertThat(screen.kind()).isEqualTo(VideoStreamKind.SCREEN);
        assertThat(screen.frameRate()).isEqualTo(8);
        Picture picture = screen.pictureFor(3);
        assertThat(picture.width()).isEqualTo(1280);
        assertThat(picture.height()).isEqualTo(720);
    }

    @Test
    void theSameFrameNumberGivesTheSamePicture() {
        Picture a = new TestPattern().pictureFor(1234);
        Picture b = new TestPattern().withFrameRate(30).pictureFor(1234);
        assertThat(b.rgb()).isEqualTo(a.rgb());
        assertThat(FrameNumberStrip.read(a)).hasValue(1234);
    }

    @Test
    void thePictureMovesFromFrameToFrame() {
        TestPattern pattern = new TestPattern();
        int contentPixels = FrameNumberStrip.top(360) * 640;
        for (long n = 0; n < 30; n++) {
            int[] a = pattern.pictureFor(n).rgb();
            int[] b = pattern.pictureFor(n + 1).rgb();
            int changed = 0;
            for (int i = 0; i < contentPixels; i++) {
                if (a[i] != b[i]) {
                    changed++;
                }
            }
            // the bars scroll, the box and the checkerboard move, the rings and the blue drift
            assertThat(changed).as("pixels changed from frame %d to %d", n, n + 1).isGreaterThan(contentPixels / 10);
        }
    }

    @Test
    void hasFineDetailForTheCodec() {
        // neighbouring pixels differing by more than half the range: the checkerboard and the rings
        int[] rgb = new TestPattern().pictureFor(0).rgb();
        int sharp = 0;
        for (int y = 0; y < FrameNumberStrip.top(360); y++) {
            for (int x = 1; x < 640; x++) {
                if (Math.abs((rgb[y * 640 + x] & 0xFF) - (rgb[y * 640 + x - 1] & 0xFF)) > 128) {
                    sharp++;
                }
            }
        }
        assertThat(sharp).isGreaterThan(5_000);
    }

    @Test
    void deliversItsFramesNumberedAndPacedAt15Fps() throws InterruptedException {
        List<Long> arrivals = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        // the pattern's clock starts after this: no frame may arrive before its due time from here
        long start = System.nanoTime();
        try (TestPattern pattern = new TestPattern().withFrameLimit(16)) {
            Picture picture;
            while ((picture = pattern.next()) != null) {
                arrivals.add(System.nanoTime());
                numbers.add(FrameNumberStrip.read(picture).orElseThrow());
                assertThat(picture.rgb()).isEqualTo(pattern.pictureFor(numbers.get(numbers.size() - 1)).rgb());
            }
        }
        assertThat(numbers).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        for (int i = 0; i < arrivals.size(); i++) {
            double dueMillis = i * 1000.0 / 15;
            double atMillis = (arrivals.get(i) - start) / 1e6;
            // never early; late only by scheduling on a busy machine. (Measured from frame 0's arrival
            // instead, a cold first drawing that made frame 0 late made frame 1 look early.)
            assertThat(atMillis).as("frame %d", i).isBetween(dueMillis, dueMillis + 100.0);
        }
        assertThat((arrivals.get(15) - start) / 1e6).isBetween(1000.0, 1100.0);
    }

    @Test
    void skipsAheadAfterAStallInsteadOfBursting() throws InterruptedException {
        try (TestPattern pattern = new TestPattern().withFrameRate(20)) {
            long start = System.nanoTime();
            assertThat(FrameNumberStrip.read(pattern.next())).hasValue(0);
            // the consumer stalls for 10 frame periods (a slow encoder, a paused thread)
            stall(Duration.ofMillis(500));
            long afterStall = System.nanoTime();

            long skippedTo = FrameNumberStrip.read(pattern.next()).orElseThrow();
            long stallFrames = (afterStall - start) / 50_000_000L;
            assertThat(skippedTo).isBetween(stallFrames, stallFrames + 1);

            // then back on the clock: one frame per period, not a burst to catch up
            long numberAfter = FrameNumberStrip.read(pattern.next()).orElseThrow();
            long dueAfter = start + numberAfter * 50_000_000L;
            assertThat(numberAfter).isEqualTo(skippedTo + 1);
            assertThat(System.nanoTime()).isGreaterThanOrEqualTo(dueAfter);
        }
    }

    /** Keeps this thread busy elsewhere for {@code time}, as a slow consumer would be. */
    private static void stall(Duration time) {
        long until = System.nanoTime() + time.toNanos();
        for (long left = time.toNanos(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Test
    void endsAfterTheFrameLimit() throws InterruptedException {
        try (TestPattern pattern = new TestPattern().withFrameRate(60).withFrameLimit(3)) {
            assertThat(pattern.next()).isNotNull();
            assertThat(pattern.next()).isNotNull();
            assertThat(pattern.next()).isNotNull();
            assertThat(pattern.next()).isNull();
            assertThat(pattern.next()).isNull();
        }
        try (TestPattern none = new TestPattern().withFrameLimit(0)) {
            assertThat(none.next()).isNull();
        }
    }

    @Test
    void closeWakesACallerWaitingForTheNextFrame() throws Exception {
        TestPattern pattern = new TestPattern().withFrameRate(1);
        assertThat(pattern.next()).isNotNull();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Picture> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return pattern.next(); // due in a second
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        long closedAt = System.nanoTime();
        pattern.close();
        assertThat(second.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(System.nanoTime() - closedAt).isLessThan(Duration.ofMillis(900).toNanos());
        assertThat(pattern.next()).isNull();
    }

    @Test
    void aWaitingCallerCanBeInterrupted() throws Exception {
        TestPattern pattern = new TestPattern().withFrameRate(1);
        assertThat(pattern.next()).isNotNull();
        Thread.currentThread().interrupt();
        assertThatThrownBy(pattern::next).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void refusesImpossibleSettings() {
        TestPattern pattern = new TestPattern();
        assertThatThrownBy(() -> pattern.withSize(20, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pattern.withFrameRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pattern.withFrameRate(61)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pattern.withFrameLimit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pattern.pictureFor(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
