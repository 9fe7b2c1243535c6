package dev.parley.client.ui.model;

import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallStats;
import dev.parley.common.call.PeerStats;
import dev.parley.common.domain.PeerId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatsViewModelTest {
    private final StatsFormat format = new StatsFormat(Locale.ROOT);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void formatsUnitsPeopleRead() {
        assertThat(format.bitrate(950)).isEqualTo("950 bit/s");
        assertThat(format.bitrate(31_840)).isEqualTo("31.8 kbit/s");
        assertThat(format.bitrate(1_200_000)).isEqualTo("1.20 Mbit/s");
        assertThat(format.percent(0)).isEqualTo("0 %");
        assertThat(format.percent(0.004)).isEqualTo("0.4 %");
        assertThat(format.percent(0.123)).isEqualTo("12 %");
        assertThat(format.millis(4.25)).isEqualTo("4.3 ms");
        assertThat(format.millis(42)).isEqualTo("42 ms");
        assertThat(format.ago(Duration.ofMillis(300))).isEqualTo("just now");
        assertThat(format.ago(Duration.ofSeconds(42))).isEqualTo("42 s ago");
        assertThat(format.ago(Duration.ofSeconds(185))).isEqualTo("3 min 5 s ago");
        assertThat(format.fingerprint("AB".repeat(32))).isEqualTo("abab abab abab abab abab abab abab abab\n"
                + "abab abab abab abab abab abab abab abab");
    }

    @Test
    void beforeAnyStatsEverythingIsADash() {
        StatsView v = new StatsViewModel(clock, format).view(id -> Optional.empty());
        assertThat(v.rtt()).isEqualTo(StatsFormat.NONE);
        assertThat(v.keyId()).isEqualTo(StatsFormat.NONE);
        assertThat(v.peers()).isEmpty();
    }

    @Test
    void rendersCallAndPerPeerStatsWithTimeSinceRotation() {
        StatsViewModel vm = new StatsViewModel(clock, format);
        PeerId bob = new PeerId(2);
        vm.update(new CallStats(23, 28_000, 32_000, 4, clock.instant().minusSeconds(12),
                Optional.of("0f".repeat(32)), List.of(new PeerStats(bob, 0.02, 3.5, 60, 30_500, 7, 0.0),
                new PeerStats(new PeerId(3), 0, 0, 20, 0, -1, 0))));
        StatsView v = vm.view(id -> id.equals(bob) ? Optional.of("Bob") : Optional.empty());

        assertThat(v.rtt()).isEqualTo("23 ms");
        assertThat(v.bitrateOut()).isEqualTo("28.0 kbit/s");
        assertThat(v.targetBitrate()).isEqualTo("32.0 kbit/s");
        assertThat(v.keyId()).isEqualTo("#4");
        assertThat(v.sinceRotation()).isEqualTo("12 s ago");
        assertThat(v.relayFingerprint()).startsWith("0f0f 0f0f");
        assertThat(v.peers()).containsExactly(
                new StatsView.Row("2", "Bob", "2.0 %", "3.5 ms", "60 ms", "30.5 kbit/s", "#7", "0 %"),
                new StatsView.Row("3", "Unknown", "0 %", "0.0 ms", "20 ms", "0 bit/s", StatsFormat.NONE, "0 %"));

        vm.keysRotated(5, clock.instant());
        clock.advance(Duration.ofSeconds(3));
        assertThat(vm.view(id -> Optional.empty())).extracting(StatsView::keyId, StatsView::sinceRotation)
                .containsExactly("#5", "3 s ago");
    }

    @Test
    void anOlderSnapshotDoesNotUndoANewerRotation() {
        StatsViewModel vm = new StatsViewModel(clock, format);
        vm.keysRotated(5, clock.instant());
        vm.update(new CallStats(1, 1, 1, 4, clock.instant().minusSeconds(30), Optional.empty(), List.of()));
        StatsView v = vm.view(id -> Optional.empty());
        assertThat(v.keyId()).isEqualTo("#5");
        assertThat(v.relayFingerprint()).isEqualTo(StatsViewModel.NOT_PINNED);
    }

    @Test
    void theLinksPinNamesTheRelayCertificateUntilTheEngineReportsOne() {
        StatsViewModel vm = new StatsViewModel(clock, format);
        vm.relayPinned(Optional.of("ab".repeat(32)));
        assertThat(vm.view(id -> Optional.empty()).relayFingerprint()).startsWith("abab abab");
        vm.update(new CallStats(1, 1, 1, 4, clock.instant(), Optional.empty(), List.of()));
        assertThat(vm.view(id -> Optional.empty()).relayFingerprint()).startsWith("abab abab");
        vm.update(new CallStats(1, 1, 1, 4, clock.instant(), Optional.of("0f".repeat(32)), List.of()));
        assertThat(vm.view(id -> Optional.empty()).relayFingerprint()).startsWith("0f0f 0f0f");
    }
}
