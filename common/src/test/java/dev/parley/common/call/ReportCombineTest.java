package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A ReceiverReport's loss covers a sender's audio and video packets together. */
class ReportCombineTest {

    @Test
    void lossIsOverEveryPacketExpectedFromTheSender() {
        ArrivalStats.Interval audio = new ArrivalStats.Interval(0.0, 3.0, 32_000, 50);
        ArrivalStats.Interval video = new ArrivalStats.Interval(0.10, 9.0, 500_000, 90); // 100 expected

        ArrivalStats.Interval both = AudioReceiveLoop.combine(audio, List.of(video));

        assertThat(both.lossFraction()).isCloseTo(10.0 / 150, within(1e-9));
        assertThat(both.packets()).isEqualTo(140);
        assertThat(both.bitrate()).isEqualTo(532_000);
        assertThat(both.jitterMs()).as("jitter stays audio's: the playout it sizes is audio's").isEqualTo(3.0);
    }

    @Test
    void withoutVideoTheAudioFiguresStand() {
        ArrivalStats.Interval audio = new ArrivalStats.Interval(0.02, 3.0, 32_000, 49);
        assertThat(AudioReceiveLoop.combine(audio, List.of())).isSameAs(audio);
    }
}
