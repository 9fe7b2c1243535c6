package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallStats;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessorStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The microphone's clean-up toggles and the echo canceller's line in the statistics. */
class AudioProcessingViewTest {
    private static final String MISSING = "Echo cancellation, noise suppression and automatic gain are not available"
            + " on this computer.";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final StatsFormat format = new StatsFormat(Locale.ROOT);

    @TempDir
    Path dir;

    private CallViewModel callModel() {
        CallViewModel vm = new CallViewModel("Alice", VerifiedContacts.empty(dir.resolve("c.txt"), clock),
                Runnable::run, clock, format);
        vm.attach(new FakeCallControl(), true);
        return vm;
    }

    @Test
    void theTogglesShowWhatTheCallRunsAndFollowTheUser() {
        CallViewModel vm = callModel();
        assertThat(vm.current().processing()).isEqualTo(ProcessingControls.NOT_YET);
        vm.audioProcessing(new AudioProcessing(true, false, true), Optional.empty());
        assertThat(vm.current().processing().settings()).isEqualTo(new AudioProcessing(true, false, true));
        assertThat(vm.current().processing().available()).isTrue();

        vm.setAudioProcessing(AudioProcessing.ALL);
        assertThat(vm.current().processing()).isEqualTo(new ProcessingControls(AudioProcessing.ALL, Optional.empty()));
    }

    @Test
    void whereNothingCanRunTheSentenceStaysAndTheTogglesDoNothing() {
        CallViewModel vm = callModel();
        vm.audioProcessing(AudioProcessing.ALL, Optional.of(MISSING));
        vm.setAudioProcessing(AudioProcessing.NONE);
        assertThat(vm.current().processing().available()).isFalse();
        assertThat(vm.current().processing().unavailable()).contains(MISSING);
        assertThat(vm.current().processing().settings()).isEqualTo(AudioProcessing.ALL);
    }

    @Test
    void theStatisticsSayHowMuchEchoIsRemovedAndWithWhatDelay() {
        CallViewModel vm = callModel();
        assertThat(vm.current().stats().echo()).isEqualTo(StatsFormat.NONE);
        vm.on(stats(new AudioProcessorStats(AudioProcessing.ALL, OptionalDouble.of(31.4), OptionalInt.of(56))));
        assertThat(vm.current().stats().echo()).isEqualTo("31 dB less echo, 56 ms delay");
        vm.on(stats(new AudioProcessorStats(AudioProcessing.ALL, OptionalDouble.empty(), OptionalInt.empty())));
        assertThat(vm.current().stats().echo()).as("before its first figures").isEqualTo(StatsFormat.NONE);
        vm.on(stats(new AudioProcessorStats(new AudioProcessing(false, true, true), OptionalDouble.empty(),
                OptionalInt.empty())));
        assertThat(vm.current().stats().echo()).isEqualTo("Off");
        vm.on(stats(AudioProcessorStats.NONE));
        assertThat(vm.current().stats().echo()).isEqualTo("Off");
    }

    private CallEvent.StatsUpdated stats(AudioProcessorStats processing) {
        return new CallEvent.StatsUpdated(new CallStats(20, 30_000, 32_000, 1, clock.instant(), Optional.empty(),
                List.of(), List.of(), List.of(), processing));
    }
}
