package dev.parley.client.ui.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpeakingMeterTest {

    @Test
    void risesAtOnceHoldsThenStops() {
        SpeakingMeter m = new SpeakingMeter();
        assertThat(m.update(0.5, 0).speaking()).isTrue();
        assertThat(m.update(0.0, 100).speaking()).as("held between words").isTrue();
        assertThat(m.update(0.0, SpeakingMeter.HOLD_MS).speaking()).isTrue();
        assertThat(m.update(0.0, SpeakingMeter.HOLD_MS + 100).speaking()).isFalse();
    }

    @Test
    void levelDecaysByHalfLife() {
        SpeakingMeter m = new SpeakingMeter();
        m.update(0.8, 0);
        assertThat(m.update(0.0, SpeakingMeter.HALF_LIFE_MS).level()).isCloseTo(0.4, within(1e-9));
        assertThat(m.update(0.0, 10 * SpeakingMeter.HALF_LIFE_MS).level()).isZero();
    }

    @Test
    void quietNoiseNeverCountsAsSpeakingAndBadInputIsClamped() {
        SpeakingMeter m = new SpeakingMeter();
        assertThat(m.update(SpeakingMeter.THRESHOLD / 2, 0).speaking()).isFalse();
        assertThat(m.update(7.0, 10).level()).isEqualTo(1.0);
        assertThat(new SpeakingMeter().update(Double.NaN, 0).level()).isZero();
    }
}
