package dev.parley.common.call;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.PeerId;
import dev.parley.common.media.AudioFrameDecoder;
import dev.parley.common.media.JitterBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The buffer depth a receiver reports is never negative, although the jitter buffer's own estimate
 * can be: found by the CPU benchmark, where every receive loop of a 10-person call died within
 * seconds on a loaded machine ("buffer_depth must be unsigned").
 */
class BufferDepthReportTest {
    private static final long FRAME = 20_000_000L;

    private static final AudioFrameDecoder SILENT_DECODER = new AudioFrameDecoder() {
        @Override
        public void decode(byte[] packet, int offset, int length, short[] out) {
            Arrays.fill(out, (short) 1000);
        }

        @Override
        public void conceal(short[] out) {
            Arrays.fill(out, (short) 100);
        }

        @Override
        public void recover(byte[] nextPacket, int offset, int length, short[] out) {
            Arrays.fill(out, (short) 500);
        }

        @Override
        public void reset() {
            // no state
        }
    };

    @Test
    void transitStepAfterALongSilenceNeverReportsANegativeDepth() {
        // 5 frames of talk, 150 frames (3 s, the buffer's whole window) of DTX, then the talk resumes
        // with every packet 50 ms later than before (the path or the sender's clock stepped)
        JitterBuffer jitter = new JitterBuffer(SILENT_DECODER);
        short[] out = new short[960];
        int talk = 5;
        int silence = 150;
        int frames = talk + silence + 200;
        int minimum = 0;
        int minimumReported = 0;
        long index = 0;
        int next = 0;
        for (int tick = 0; tick < frames + 20; tick++) {
            long now = tick * FRAME + 5_000_000L;
            while (next < frames) {
                long arrival = next * FRAME + 1_000_000L + (next >= talk + silence ? 50_000_000L : 0);
                if (arrival > now) {
                    break;
                }
                if (next < talk || next >= talk + silence) {
                    jitter.offer(index++, next * 960L, arrival, new byte[] {1}, 0, 1);
                }
                next++;
            }
            jitter.poll(now, out);
            minimum = Math.min(minimum, jitter.currentDelayMillis());
            int reported = AudioReceiveLoop.bufferDepthMillis(jitter);
            minimumReported = Math.min(minimumReported, reported);
            assertThatCode(() -> new ControlMessage.ReceiverReport(new PeerId(1), new PeerId(2), 0, 0, reported))
                    .doesNotThrowAnyException();
        }
        assertThat(minimum).as("the scenario drives the buffer's own estimate below zero").isNegative();
        assertThat(minimumReported).isZero();
    }
}
