package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RotationScheduleTest {
    private static final long MS = 1_000_000L;
    private final RotationSchedule schedule = new RotationSchedule(500 * MS, 300_000 * MS);

    @Test
    void firstJoinAfterQuietPeriodRotatesAtOnce() {
        schedule.rotatedAt(0);
        assertThat(schedule.onPeerJoined(600 * MS)).isTrue();
        assertThat(schedule.deferredUntil()).isEmpty();
    }

    @Test
    void joinsWithinDebounceAreBatchedIntoOneRotation() {
        schedule.rotatedAt(1_000 * MS);
        assertThat(schedule.onPeerJoined(1_100 * MS)).isFalse();
        assertThat(schedule.onPeerJoined(1_300 * MS)).isFalse();
        assertThat(schedule.deferredUntil()).hasValue(1_500 * MS);
        assertThat(schedule.isDue(1_499 * MS)).isFalse();
        assertThat(schedule.isDue(1_500 * MS)).isTrue();
        schedule.rotatedAt(1_500 * MS);
        assertThat(schedule.deferredUntil()).isEmpty();
        assertThat(schedule.isDue(1_600 * MS)).isFalse();
    }

    @Test
    void leaveAlwaysRotatesAtOnce() {
        schedule.rotatedAt(0);
        assertThat(schedule.onPeerLeft()).isTrue();
    }

    @Test
    void periodicRotationFallsDueAfterTheInterval() {
        schedule.rotatedAt(0);
        assertThat(schedule.isDue(299_999 * MS)).isFalse();
        assertThat(schedule.isDue(300_000 * MS)).isTrue();
        assertThat(schedule.nextDue()).isEqualTo(300_000 * MS);
    }
}
