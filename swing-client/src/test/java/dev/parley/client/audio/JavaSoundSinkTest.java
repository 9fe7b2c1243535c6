package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.testing.SpeakerRecording;
import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import dev.parley.common.media.AudioSource;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Speech written to JavaSoundSink comes out of the virtual speaker unchanged. */
@ExtendWith(VirtualAudioExtension.class)
class JavaSoundSinkTest {
    private static final int FRAME = AudioSource.FRAME_SAMPLES;
    private static final Duration DEEP_BUFFER = Duration.ofMillis(400);

    private final AudioDevices devices = new AudioDevices();

    @Test
    void playsSpeechOnTheSpeaker(VirtualAudio audio) throws Exception {
        // 8 s of the clip say as much about the samples as all of it, in half the time
        short[] speech = Arrays.copyOf(Speech.samples(), 8 * AudioSource.SAMPLE_RATE);
        SpeakerRecording recording = audio.recordSpeaker();
        await().atMost(Duration.ofSeconds(5)).until(() -> recording.samples() > 0);

        long underruns;
        // A deep queue rides out the CPU stalls of a busy build machine, which drop tens of milliseconds
        // from an 80 ms one: this test is about the samples; the default buffers are RoundTripLatencyTest's.
        try (JavaSoundSink sink = JavaSoundSink.open(devices.playback(AudioDevices.DEFAULT), DEEP_BUFFER,
                Duration.ofMillis(100))) {
            assertThat(sink.paced()).isTrue();
            assertThat(sink.buffer()).isEqualTo(DEEP_BUFFER);
            short[] frame = new short[FRAME];
            int frames = (speech.length + FRAME - 1) / FRAME;
            for (int i = 0; i < frames; i++) {
                sink.write(Speech.frame(speech, i, frame));
            }
            // silence longer than the buffer pushes the last of the speech through the speaker
            for (int i = 0; i < 25; i++) {
                sink.write(new short[FRAME]);
            }
            underruns = sink.underruns();
        }
        short[] recorded = recording.stop();

        Signals.Comparison comparison = Signals.compare(speech, recorded);
        System.out.println("playback: " + comparison + "; underruns seen by the sink: " + underruns);
        // a CPU starved by other work may drop a few milliseconds; that must not hide a garbled signal
        if (comparison.correlation() < 0.9) {
            System.out.println(Evidence.keep("playback", speech, recorded));
        }
        assertThat(comparison.correlation()).as("playback: " + comparison).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void survivesFramesComingTooLate(VirtualAudio audio) throws Exception {
        short[] tone = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            tone[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / AudioSource.SAMPLE_RATE));
        }
        SpeakerRecording recording = audio.recordSpeaker();
        await().atMost(Duration.ofSeconds(5)).until(() -> recording.samples() > 0);
        try (JavaSoundSink sink = JavaSoundSink.open(devices.playback(AudioDevices.DEFAULT))) {
            for (int i = 0; i < 10; i++) {
                sink.write(tone);
            }
            // the call stalls for longer than the buffer lasts: pacing, not waiting for a condition
            Thread.sleep(200);
            for (int i = 0; i < 10; i++) {
                sink.write(tone);
            }
            for (int i = 0; i < 10; i++) {
                sink.write(new short[FRAME]);
            }
            assertThat(sink.underruns()).as("underruns, at least the stall").isPositive();
        }
        short[] recorded = recording.stop();

        // 20 frames of tone were written; about as much came out, with a gap in between
        long loud = 0;
        for (short sample : recorded) {
            if (Math.abs(sample) > 4_000) {
                loud++;
            }
        }
        long toneLoud = 0;
        for (short sample : tone) {
            if (Math.abs(sample) > 4_000) {
                toneLoud++;
            }
        }
        assertThat(loud).isBetween(toneLoud * 19, toneLoud * 21);
    }

    @Test
    void leavesNoStreamBehind(VirtualAudio audio) throws Exception {
        try (JavaSoundSink sink = JavaSoundSink.open(devices.playback(AudioDevices.DEFAULT), Duration.ofMillis(60),
                Duration.ofMillis(20))) {
            sink.write(new short[FRAME]);
            assertThat(sink.buffer()).isEqualTo(Duration.ofMillis(60));
            assertThat(audio.pactl("list", "sink-inputs")).contains("ALSA plug-in [java]");
            sink.close(); // and once more by try-with-resources: closing twice is harmless
        }

        await().atMost(Duration.ofSeconds(2))
                .until(() -> !audio.pactl("list", "sink-inputs").contains("ALSA plug-in [java]"));
    }
}
