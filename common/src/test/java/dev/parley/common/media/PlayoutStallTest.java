package dev.parley.common.media;

import dev.parley.common.media.PlayoutSimulation.Packet;
import dev.parley.common.media.PlayoutSimulation.Tick;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.parley.common.media.PlayoutSimulation.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real speech through the real Opus codec and a jitter buffer whose playout thread stalls for 1.8 s
 * (a speaker whose write blocked, as seen in JavaSoundCallTest): playout must come back live, not
 * half a second late, and must not blast the listener when it does.
 */
class PlayoutStallTest {
    private static final int STALL_TICKS = 90;
    private static final List<Packet> SPEECH = encode(TestAudio.speechA());
    private static final int TICKS = SPEECH.get(SPEECH.size() - 1).slot() + 10;
    private static final int PEAK_WITHOUT_STALL = peak(run(newBuffer(), -1));

    @ParameterizedTest(name = "stall from {0} ms")
    @ValueSource(ints = {1_000, 1_900, 2_600, 3_300, 4_000})
    void afterAStallPlayoutIsLiveAndNoLouderThanTheSpeech(int stallAtMillis) {
        int stallAt = stallAtMillis / 20;
        JitterBuffer buffer = newBuffer();
        List<Tick> ticks = run(buffer, stallAt);

        List<Tick> after = ticks.subList(stallAt, Math.min(ticks.size(), stallAt + 30));
        // decoding on across the jump with the old state came out at 32,640 (stall at 1.9 s) and 31,484
        // (4.0 s) against 26,563 at most without a stall
        assertThat(peak(after)).isLessThanOrEqualTo(PEAK_WITHOUT_STALL);
        // and the 500 ms queued behind the live packet stayed as added delay while the talker talked
        assertThat(buffer.stats().skipped()).isGreaterThan(10);
        assertThat(buffer.currentDelayMillis()).isLessThanOrEqualTo(buffer.targetDelayMillis() + 20);
    }

    /** The engine's buffer settings (a 40 ms floor). */
    private static JitterBuffer newBuffer() {
        return new JitterBuffer(new OpusAudioDecoder(), new JitterBufferConfig(40, 200, 3000, 0.95, 5, 10, 64, 1275));
    }

    /** Plays the speech; the playout thread stalls for 1.8 s from tick {@code stallAt} (none if negative). */
    private static List<Tick> run(JitterBuffer buffer, int stallAt) {
        return PlayoutSimulation.run(buffer, SPEECH, TICKS, t -> stallAt >= 0 && t >= stallAt && t < stallAt + STALL_TICKS);
    }

    private static int peak(List<Tick> ticks) {
        int peak = 0;
        for (Tick t : ticks) {
            for (short s : t.frame()) {
                peak = Math.max(peak, Math.abs(s));
            }
        }
        return peak;
    }

    /** The sender: default Opus settings, DTX frames not sent, 5 ms on the network. */
    private static List<Packet> encode(short[] speech) {
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults());
        List<Packet> packets = new ArrayList<>();
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        long index = 0;
        for (int slot = 0; (slot + 1) * Pcm.FRAME_SAMPLES <= speech.length; slot++) {
            System.arraycopy(speech, slot * Pcm.FRAME_SAMPLES, frame, 0, Pcm.FRAME_SAMPLES);
            int length = encoder.encode(frame);
            if (encoder.lastWasDtx()) {
                continue;
            }
            packets.add(new Packet(index++, (long) slot * Pcm.FRAME_SAMPLES,
                    PlayoutSimulation.T0 + slot * Pcm.FRAME_NANOS + 5 * MS, slot, Arrays.copyOf(encoder.packet(), length)));
        }
        return packets;
    }
}
