package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import dev.parley.common.media.AudioSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Speech played into the virtual microphone comes out of JavaSoundSource unchanged. */
@ExtendWith(VirtualAudioExtension.class)
class JavaSoundSourceTest {
    private static final int FRAME = AudioSource.FRAME_SAMPLES;

    private final AudioDevices devices = new AudioDevices();

    @Test
    void capturesSpeechFromTheMicrophone(VirtualAudio audio, @TempDir Path dir) throws Exception {
        short[] speech = Speech.samples();
        short[] captured = new short[speech.length + 3 * AudioSource.SAMPLE_RATE];
        int frames = 0;
        long dropped;
        // Keep every sample however late: a busy build machine stalls readers for hundreds of milliseconds,
        // and this test is about the samples; the stall test below covers dropping.
        try (JavaSoundSource source = JavaSoundSource.open(devices.capture(AudioDevices.DEFAULT),
                JavaSoundSource.DEFAULT_BUFFER, Duration.ofDays(1))) {
            assertThat(source.paced()).isTrue();
            assertThat(source.buffer()).isEqualTo(Duration.ofMillis(40));
            short[] frame = new short[FRAME];
            assertThat(source.read(frame)).isTrue(); // capturing before the speech starts

            Process player = audio.playIntoMicrophone(Speech.file(dir));
            // paplay exits once its stream has drained into the microphone; 10 frames more for the line's buffer
            int after = 10;
            while (frames < captured.length / FRAME && (player.isAlive() || after-- > 0)) {
                assertThat(source.read(frame)).isTrue();
                System.arraycopy(frame, 0, captured, frames++ * FRAME, FRAME);
            }
            assertThat(player.waitFor(1, TimeUnit.SECONDS) && player.exitValue() == 0).as("paplay succeeded").isTrue();
            dropped = source.dropped();
        }

        short[] recording = Arrays.copyOf(captured, frames * FRAME);
        Signals.Comparison comparison = Signals.compare(speech, recording);
        System.out.println("capture: " + comparison + "; frames dropped by the source: " + dropped);
        // a CPU starved by other work may drop a few milliseconds; that must not hide a garbled signal
        if (comparison.correlation() < 0.9) {
            System.out.println(Evidence.keep("capture", speech, recording));
        }
        assertThat(comparison.correlation()).as("capture: " + comparison).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aCallerThatStallsLosesTheOldestAudioNotTheTimeline() throws Exception {
        try (JavaSoundSource source = JavaSoundSource.open(devices.capture(AudioDevices.DEFAULT))) {
            short[] frame = new short[FRAME];
            for (int i = 0; i < 5; i++) {
                source.read(frame);
            }
            Thread.sleep(300); // the caller stalls: pacing the test, not waiting for a condition
            source.read(frame);

            // 300 ms behind with 100 ms allowed: it drops down to a frame behind, about 13 frames
            assertThat(source.dropped()).isGreaterThanOrEqualTo(10);
            long before = System.nanoTime();
            source.read(frame);
            source.read(frame);
            assertThat(System.nanoTime() - before).as("caught up: reads wait for the device again").isGreaterThan(15_000_000L);
        }
    }

    @Test
    void closingFromAnotherThreadEndsABlockedRead() throws Exception {
        JavaSoundSource source = JavaSoundSource.open(devices.capture(AudioDevices.DEFAULT));
        short[] frame = new short[FRAME];
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Boolean> reading = CompletableFuture.supplyAsync(() -> {
            try {
                while (source.read(frame)) {
                    reads.incrementAndGet();
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // a paced read returns every 20 ms, so after a few the reader spends its time blocked in the next
        await().atMost(Duration.ofSeconds(2)).until(() -> reads.get() >= 3);
        source.close();

        assertThat(reading.get(2, TimeUnit.SECONDS)).isFalse();
        assertThat(source.read(frame)).isFalse();
    }

    @Test
    void leavesNoStreamBehind(VirtualAudio audio) throws Exception {
        try (JavaSoundSource source = JavaSoundSource.open(devices.capture(AudioDevices.DEFAULT), Duration.ofMillis(60),
                JavaSoundSource.DEFAULT_MAX_DELAY)) {
            source.read(new short[FRAME]);
            assertThat(source.buffer()).isEqualTo(Duration.ofMillis(60));
            assertThat(audio.pactl("list", "source-outputs")).contains("ALSA plug-in [java]");
            source.close(); // and once more by try-with-resources: closing twice is harmless
        }

        await().atMost(Duration.ofSeconds(2))
                .until(() -> !audio.pactl("list", "source-outputs").contains("ALSA plug-in [java]"));
    }
}
