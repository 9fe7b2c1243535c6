package dev.parley.client.audio.processing;

import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessorStats;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebRTC's echo canceller (AEC3, the real natives) on a room made of numbers: the far end talks
 * from the start; the microphone picks that up 60 ms later and 8 dB quieter; from 3 s on the near
 * end talks as well. The echo must all but vanish while only the far end talks, and the near end's
 * voice must come through while both do.
 *
 * <p>Echo cancellation alone: automatic gain would raise what is left (by up to 15 dB while it
 * settles) and so hide what the canceller did. How the three do together is what
 * {@code EchoOnSpeakersTest} hears on the virtual devices.
 */
class EchoCancellationTest {
    private static final AudioProcessing ECHO_ONLY = new AudioProcessing(true, false, false);
    private static final int ECHO_DELAY_MILLIS = 60;
    private static final double ECHO_GAIN_DB = -8;
    private static final double NEAR_END_FROM = 3.0;
    /** The canceller needs a moment to find the echo; it is measured after that. */
    private static final double CONVERGED = 1.0;

    @Test
    void echoIsRemovedAndTheNearEndComesThrough() {
        short[] farEnd = TestAudio.speechA();
        short[] nearEnd = TestAudio.speechB();
        int talkAt = (int) (NEAR_END_FROM * 48_000);
        short[] microphone = Rooms.mix(Rooms.echo(farEnd, ECHO_DELAY_MILLIS, ECHO_GAIN_DB), nearEnd, talkAt);
        short[] nearEndAlone = Rooms.mix(new short[microphone.length], nearEnd, talkAt);
        double end = microphone.length / 48_000.0;

        short[] processed;
        AudioProcessorStats reported;
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(ECHO_ONLY)) {
            processed = Rooms.process(processor, farEnd, microphone);
            reported = processor.stats();
        }

        double erle = Rooms.energyDb(microphone, CONVERGED, NEAR_END_FROM)
                - Rooms.energyDb(processed, CONVERGED, NEAR_END_FROM);
        double doubleTalk = Rooms.correlation(nearEndAlone, processed, NEAR_END_FROM, end, 50);
        double unprocessed = Rooms.correlation(nearEndAlone, microphone, NEAR_END_FROM, end, 50);
        System.out.printf("echo cancellation: ERLE %.1f dB while only the far end talks; the near end in double"
                        + " talk correlates %.3f with the output (%.3f with the microphone); the canceller reports"
                        + " ERLE %.1f dB, delay %d ms%n", erle, doubleTalk, unprocessed,
                reported.echoReturnLossEnhancementDb().orElse(Double.NaN), reported.echoDelayMillis().orElse(-1));
        assertThat(erle).as("echo return loss enhancement, dB").isGreaterThanOrEqualTo(25);
        assertThat(doubleTalk).as("near-end speech in double talk").isGreaterThanOrEqualTo(0.85);
        // what the stats panel shows: the delay of this room (its ERLE estimate trails by seconds)
        assertThat(reported.echoDelayMillis()).isPresent();
        assertThat(reported.echoDelayMillis().getAsInt()).as("reported delay, ms").isBetween(40, 80);
        assertThat(reported.echoReturnLossEnhancementDb()).isPresent();
    }

    @Test
    void withoutEchoCancellationTheEchoStays() {
        short[] farEnd = Arrays.copyOf(TestAudio.speechA(), 48_000 * 3);
        short[] microphone = Rooms.echo(farEnd, ECHO_DELAY_MILLIS, ECHO_GAIN_DB);
        short[] processed;
        AudioProcessorStats reported;
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(new AudioProcessing(false, true, false))) {
            processed = Rooms.process(processor, farEnd, microphone);
            reported = processor.stats();
        }
        double erle = Rooms.energyDb(microphone, CONVERGED, 3) - Rooms.energyDb(processed, CONVERGED, 3);
        System.out.printf("noise suppression alone leaves the echo: %.1f dB less%n", erle);
        assertThat(erle).as("echo lowered by noise suppression alone, dB").isLessThan(6);
        assertThat(reported.echoReturnLossEnhancementDb()).isEmpty();
        assertThat(reported.echoDelayMillis()).isEmpty();
    }
}
