package dev.parley.client.cli;

import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallStats;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessorStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The echo canceller's figures in {@code --stats}. */
class HeadlessStatsLineTest {

    @Test
    void aProcessedMicrophoneReportsTheCancellersFigures() {
        String line = HeadlessMain.statsLine(event(new AudioProcessorStats(new AudioProcessing(true, true, false),
                OptionalDouble.of(31.46), OptionalInt.of(56))), Map.of());
        assertThat(line).contains("\"audio_processing\":{\"echo_cancellation\":true,\"noise_suppression\":true,"
                + "\"automatic_gain\":false,\"erle_db\":31.5000,\"echo_delay_ms\":56}");
    }

    @Test
    void withoutEchoCancellationThereAreNoFiguresAndWithoutProcessingNoEntry() {
        String noEcho = HeadlessMain.statsLine(event(new AudioProcessorStats(new AudioProcessing(false, true, true),
                OptionalDouble.empty(), OptionalInt.empty())), Map.of());
        assertThat(noEcho).contains("\"erle_db\":null,\"echo_delay_ms\":null}");
        assertThat(HeadlessMain.statsLine(event(AudioProcessorStats.NONE), Map.of())).doesNotContain("audio_processing");
    }

    private static CallEvent.StatsUpdated event(AudioProcessorStats processing) {
        return new CallEvent.StatsUpdated(new CallStats(20, 32_000, 32_000, 1, Instant.EPOCH, Optional.empty(),
                List.of(), List.of(), List.of(), processing));
    }
}
