package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalStatsTest {
    private static final long FRAME_NS = 20_000_000L;

    @Test
    void steadyArrivalsHaveNoJitterAndNoLoss() {
        ArrivalStats stats = new ArrivalStats(48_000);
        for (int i = 0; i < 50; i++) {
            stats.onPacket(i, i * 960L, i * FRAME_NS, 100);
        }
        ArrivalStats.Interval interval = stats.closeInterval(1.0);
        assertThat(interval.jitterMs()).isCloseTo(0, within(0.01));
        assertThat(interval.lossFraction()).isZero();
        assertThat(interval.bitrate()).isEqualTo(50 * 100 * 8);
    }

    @Test
    void gapsInPacketIndexCountAsLoss() {
        ArrivalStats stats = new ArrivalStats(48_000);
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                stats.onPacket(i, i * 960L, i * FRAME_NS, 100);
            }
        }
        assertThat(stats.closeInterval(2.0).lossFraction()).isCloseTo(0.10, within(0.001));
        stats.onPacket(100, 100 * 960L, 100 * FRAME_NS, 100);
        assertThat(stats.closeInterval(1.0).lossFraction()).isZero();
    }

    @Test
    void alternatingDelayShowsUpAsJitter() {
        ArrivalStats stats = new ArrivalStats(48_000);
        for (int i = 0; i < 500; i++) {
            long delay = (i % 2 == 0) ? 0 : 10_000_000L;
            stats.onPacket(i, i * 960L, i * FRAME_NS + delay, 100);
        }
        // |D| is 10 ms every packet, so the estimator converges to 10 ms
        assertThat(stats.jitterMs()).isCloseTo(10.0, within(0.5));
    }
}
