package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BitrateControllerTest {

    @Test
    void stepsDownOnHeavyLossAndCreepsBackWhenClean() {
        BitrateController c = new BitrateController(32_000, 16_000, 64_000);
        assertThat(c.update(0.3, 20)).isEqualTo(24_000);
        assertThat(c.update(0.3, 20)).isEqualTo(18_000);
        assertThat(c.update(0.3, 20)).isEqualTo(16_000);
        assertThat(c.update(0.03, 20)).isEqualTo(16_000);
        assertThat(c.update(0.0, 20)).isEqualTo(18_000);
        for (int i = 0; i < 100; i++) {
            c.update(0.0, 20);
        }
        assertThat(c.target()).isEqualTo(64_000);
    }

    @Test
    void moderateLossWithoutCongestionKeepsEnoughBitsForFec() {
        BitrateController c = new BitrateController(20_000, 16_000, 64_000);
        assertThat(c.update(0.10, 20)).isEqualTo(32_000);
        assertThat(c.update(0.12, 20)).isEqualTo(32_000);
        assertThat(c.update(0.12, 400)).isEqualTo(24_000);
    }

    @Test
    void risingRttCountsAsCongestion() {
        BitrateController c = new BitrateController(32_000, 16_000, 64_000);
        c.update(0, 20);
        assertThat(c.update(0, 400)).isLessThan(34_000);
    }

    @Test
    void expectedLossFollowsMeasuredLoss() {
        assertThat(BitrateController.expectedLossPercent(0)).isZero();
        assertThat(BitrateController.expectedLossPercent(0.101)).isEqualTo(11);
        assertThat(BitrateController.expectedLossPercent(3)).isEqualTo(100);
    }

    @Test
    void aFloorHoldsAudioAt32kWhileVideoIsSent() {
        BitrateController c = new BitrateController(24_000, 16_000, 64_000);
        c.setFloor(BitrateController.FEC_FLOOR);
        assertThat(c.target()).isEqualTo(32_000);
        for (int i = 0; i < 10; i++) {
            c.update(0.5, 20);
        }
        assertThat(c.target()).isEqualTo(32_000);
        c.setFloor(16_000);
        c.update(0.5, 20);
        assertThat(c.target()).isLessThan(32_000);
    }
}
