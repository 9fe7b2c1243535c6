package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalsTest {
    private final Random random = new Random(7);

    @Test
    void findsTheDelayOfACopyAndCallsItIdentical() {
        short[] reference = noise(5_000);
        short[] recording = new short[9_000];
        System.arraycopy(reference, 0, recording, 1_234, reference.length);

        Signals.Alignment alignment = Signals.align(reference, recording);

        assertThat(alignment.lag()).isEqualTo(1_234);
        assertThat(alignment.correlation()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void findsARecordingThatStartedLate() {
        short[] reference = noise(5_000);
        short[] recording = new short[4_000];
        System.arraycopy(reference, 300, recording, 0, recording.length);

        assertThat(Signals.align(reference, recording).lag()).isEqualTo(-300);
    }

    @Test
    void piecesFindTheirPlaceAcrossADropout() {
        short[] reference = noise(5 * 48_000);
        short[] recording = new short[reference.length + 48_000];
        int cut = 2 * 48_000 + 10_000;
        System.arraycopy(reference, 0, recording, 500, cut);
        System.arraycopy(reference, cut, recording, 500 + cut + 960, reference.length - cut); // 20 ms of silence

        Signals.Comparison comparison = Signals.compare(reference, recording);

        assertThat(comparison.gaps()).isEqualTo(1);
        assertThat(comparison.insertedMillis()).isEqualTo(20.0);
        assertThat(comparison.missingMillis()).isZero();
        assertThat(comparison.correlation()).isGreaterThan(0.95);
        assertThat(comparison.whole().correlation()).isLessThan(comparison.correlation());
    }

    @Test
    void unrelatedNoiseBarelyCorrelates() {
        assertThat(Signals.correlationAt(noise(20_000), noise(20_000), 0)).isBetween(-0.05, 0.05);
    }

    private short[] noise(int length) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) random.nextInt(-8_000, 8_000);
        }
        return samples;
    }
}
