package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import dev.parley.common.media.AudioSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Speaker to microphone and back at the default buffer sizes, the way a call runs them: one
 * thread reads a frame from the microphone, then writes a frame to the speaker, every 20 ms.
 * The virtual loop adds no delay of its own, so this is what the two lines and PulseAudio cost.
 */
@ExtendWith(VirtualAudioExtension.class)
class RoundTripLatencyTest {
    private static final int FRAME = AudioSource.FRAME_SAMPLES;
    private static final int CLICK_EVERY = 20;
    private static final int CLICKS = 6;

    @Test
    void aClickComesBackWithinAFewFrames(VirtualAudio audio) throws Exception {
        AudioDevices devices = new AudioDevices();
        short[] silence = new short[FRAME];
        short[] click = new short[FRAME];
        Arrays.fill(click, 0, 48, (short) 20_000);
        int frames = CLICK_EVERY * (CLICKS + 1);
        long[] wrote = new long[frames];
        long[] read = new long[frames];
        short[] captured = new short[frames * FRAME];
        long underruns;

        try (AutoCloseable loop = audio.loopSpeakerIntoMicrophone();
                JavaSoundSource microphone = JavaSoundSource.open(devices.capture(AudioDevices.DEFAULT));
                JavaSoundSink speaker = JavaSoundSink.open(devices.playback(AudioDevices.DEFAULT))) {
            short[] frame = new short[FRAME];
            for (int i = 0; i < frames; i++) {
                assertThat(microphone.read(frame)).isTrue();
                read[i] = System.nanoTime();
                System.arraycopy(frame, 0, captured, i * FRAME, FRAME);
                wrote[i] = System.nanoTime();
                speaker.write(isClick(i) ? click : silence);
            }
            underruns = speaker.underruns();
        }

        List<Double> millis = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < frames; i++) {
            if (!isClick(i)) {
                continue;
            }
            int onset = onset(captured, Math.max(from, i * FRAME));
            if (onset < 0 || onset >= (i + CLICK_EVERY) * FRAME) {
                continue;
            }
            from = onset + FRAME;
            int frameIndex = onset / FRAME;
            // the onset sample was captured this long before the read of its frame returned
            double age = (FRAME - 1 - onset % FRAME) * 1000.0 / AudioSource.SAMPLE_RATE;
            millis.add((read[frameIndex] - wrote[i]) / 1e6 - age);
        }
        millis.sort(null);
        System.out.printf(Locale.ROOT, "round trip speaker->microphone (buffers %d/%d ms, prime %d ms): %s ms; %d underruns%n",
                JavaSoundSink.DEFAULT_BUFFER.toMillis(), JavaSoundSource.DEFAULT_BUFFER.toMillis(),
                JavaSoundSink.DEFAULT_PRIME.toMillis(), millis.stream().map(m -> String.format(Locale.ROOT, "%.1f", m)).toList(),
                underruns);
        // a starved CPU makes the microphone drop frames, clicks with them
        assertThat(millis).as("clicks heard back").hasSizeGreaterThanOrEqualTo(CLICKS / 2);
        // 20-65 ms on a calm machine, 50-150 ms with the CPU oversubscribed five times over; a bound that
        // catches the seconds of Java Sound's default 500 ms buffers or of a microphone queue that never drains
        assertThat(millis.get(millis.size() / 2)).as("median round trip, ms").isBetween(0.0, 400.0);
    }

    private static boolean isClick(int frame) {
        return frame % CLICK_EVERY == CLICK_EVERY - 1 && frame > 0;
    }

    private static int onset(short[] samples, int from) {
        for (int i = from; i < samples.length; i++) {
            if (Math.abs(samples[i]) > 10_000) {
                return i;
            }
        }
        return -1;
    }
}
