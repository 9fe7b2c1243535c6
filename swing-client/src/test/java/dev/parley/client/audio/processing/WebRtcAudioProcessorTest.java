package dev.parley.client.audio.processing;

import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessorStats;
import dev.parley.common.media.Pcm;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor's behaviour around the module: switching, closing, odd input, gain. Real natives. */
class WebRtcAudioProcessorTest {
    private static final AudioProcessing ECHO_ONLY = new AudioProcessing(true, false, false);

    @Test
    void withEverythingOffTheMicrophoneIsUntouched() {
        short[] speech = Arrays.copyOf(TestAudio.speechA(), 48_000);
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(AudioProcessing.NONE)) {
            // the module itself would write silence here
            assertThat(Rooms.process(processor, speech, speech)).isEqualTo(speech);
            assertThat(processor.stats()).isEqualTo(new AudioProcessorStats(AudioProcessing.NONE,
                    java.util.OptionalDouble.empty(), java.util.OptionalInt.empty()));
        }
    }

    @Test
    void echoCancellationSwitchedOnDuringACallStartsCancelling() {
        short[] farEnd = Arrays.copyOf(TestAudio.speechA(), 48_000 * 8);
        short[] echo = Rooms.echo(farEnd, 60, -8);
        int half = 48_000 * 3;
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(AudioProcessing.NONE)) {
            short[] first = Rooms.process(processor, Arrays.copyOf(farEnd, half), Arrays.copyOf(echo, half));
            processor.configure(ECHO_ONLY);
            short[] second = Rooms.process(processor, Arrays.copyOfRange(farEnd, half, farEnd.length),
                    Arrays.copyOfRange(echo, half, echo.length));
            double before = Rooms.energyDb(echo, 1, 3) - Rooms.energyDb(first, 1, 3);
            double after = Rooms.energyDb(Arrays.copyOfRange(echo, half, echo.length), 2, 5) - Rooms.energyDb(second, 2, 5);
            System.out.printf("echo cancellation switched on in a call: %.1f dB less echo before, %.1f dB after%n",
                    before, after);
            assertThat(before).isBetween(-0.1, 0.1);
            assertThat(after).isGreaterThan(20);
            assertThat(processor.settings()).isEqualTo(ECHO_ONLY);
        }
    }

    @Test
    void automaticGainBringsAQuietTalkerUp() {
        short[] quiet = Rooms.scale(TestAudio.speechA(), 0.1);
        short[] raised;
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(new AudioProcessing(false, false, true))) {
            raised = Rooms.process(processor, null, quiet);
        }
        int from = 48_000 * 4;
        double in = AudioCompare.rmsDbfs(quiet, from, quiet.length - from - Pcm.FRAME_SAMPLES);
        double out = AudioCompare.rmsDbfs(raised, from, raised.length - from - Pcm.FRAME_SAMPLES);
        System.out.printf("automatic gain: a talker at %.1f dBFS comes out at %.1f dBFS%n", in, out);
        assertThat(out - in).as("gain, dB").isGreaterThan(10);
        assertThat(out).as("no louder than full scale allows").isLessThan(-6);
    }

    @Test
    void automaticGainLeavesATalkerAtANormalLevelAloneFromTheStart() {
        short[] speech = Arrays.copyOf(TestAudio.speechA(), 48_000 * 2);
        short[] out;
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(new AudioProcessing(false, false, true))) {
            out = Rooms.process(processor, null, speech);
        }
        double in = AudioCompare.rmsDbfs(speech, 0, speech.length);
        double first = AudioCompare.rmsDbfs(out, 0, out.length);
        System.out.printf("automatic gain: a talker at %.1f dBFS comes out at %.1f dBFS in the first 2 s%n", in, first);
        assertThat(first - in).as("gain in the first 2 s, dB").isBetween(-2.0, 2.0);
    }

    @Test
    void afterCloseNothingHappensAndNothingBreaks() {
        WebRtcAudioProcessor processor = new WebRtcAudioProcessor(AudioProcessing.ALL);
        processor.close();
        processor.close();
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        Arrays.fill(frame, (short) 1_000);
        short[] before = frame.clone();
        processor.farEnd(frame, 20);
        processor.nearEnd(frame);
        processor.configure(AudioProcessing.NONE);
        assertThat(frame).isEqualTo(before);
        assertThat(processor.stats()).isEqualTo(AudioProcessorStats.NONE);
        assertThat(processor.settings()).isEqualTo(AudioProcessing.NONE);
    }

    @Test
    void framesOfTheWrongLengthAreLeftAlone() {
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(AudioProcessing.ALL)) {
            short[] odd = new short[480];
            Arrays.fill(odd, (short) 500);
            processor.farEnd(odd, 0);
            processor.nearEnd(odd);
            processor.nearEnd(null);
            assertThat(odd).containsOnly((short) 500);
            assertThat(processor.settings()).isEqualTo(AudioProcessing.ALL);
        }
    }
}
