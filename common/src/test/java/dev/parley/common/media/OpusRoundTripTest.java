package dev.parley.common.media;

import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpusRoundTripTest {
    private static final int MAX_LAG = 2000;

    @ParameterizedTest(name = "{0} bit/s")
    @ValueSource(ints = {24_000, 32_000})
    void speechSurvivesEncodeAndDecode(int bitrate) {
        short[] speech = TestAudio.speechA();
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults().withBitrate(bitrate));
        OpusAudioDecoder decoder = new OpusAudioDecoder();
        short[] in = new short[Pcm.FRAME_SAMPLES];
        short[] out = new short[Pcm.FRAME_SAMPLES];
        short[] decoded = new short[speech.length];
        long bytes = 0;
        int frames = TestAudio.frames(speech);
        for (int f = 0; f < frames; f++) {
            TestAudio.frame(speech, f, in);
            int length = encoder.encode(in);
            bytes += length;
            decoder.decode(encoder.packet(), 0, length, out);
            System.arraycopy(out, 0, decoded, f * Pcm.FRAME_SAMPLES, out.length);
        }

        AudioCompare.Alignment alignment = AudioCompare.align(speech, decoded, MAX_LAG);
        System.out.printf("Opus %d bit/s: correlation %.4f at lag %d, %.1f kbit/s actual%n",
                bitrate, alignment.correlation(), alignment.lag(), bytes * 8.0 / (frames * 0.02) / 1000);
        assertThat(alignment.lag()).isEqualTo(encoder.lookaheadSamples() - 3); // 309: lookahead minus the decoder's resampler offset
        assertThat(alignment.correlation()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void silenceBecomesDtxFramesWithPeriodicComfortNoiseUpdates() {
        OpusAudioEncoder encoder = new OpusAudioEncoder();
        short[] silence = new short[Pcm.FRAME_SAMPLES];
        int dtx = 0;
        int sent = 0;
        for (int f = 0; f < 100; f++) {
            int length = encoder.encode(silence);
            assertThat(OpusAudioEncoder.isDtx(length)).isEqualTo(encoder.lastWasDtx());
            if (encoder.lastWasDtx()) {
                dtx++;
            } else {
                sent++;
            }
        }
        // about 10 frames of hang-over, then one comfort-noise update per 400 ms
        assertThat(dtx).isGreaterThan(80);
        assertThat(sent).isBetween(10, 20);
    }

    @Test
    void bitrateAndExpectedLossChangeAtRunTime() {
        short[] speech = TestAudio.speechA();
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults().withBitrate(16_000));
        short[] in = new short[Pcm.FRAME_SAMPLES];
        long low = 0;
        long high = 0;
        for (int f = 100; f < 200; f++) {
            TestAudio.frame(speech, f, in);
            low += encoder.encode(in);
        }
        encoder.setBitrate(64_000);
        encoder.setExpectedLossPercent(20);
        for (int f = 100; f < 200; f++) {
            TestAudio.frame(speech, f, in);
            high += encoder.encode(in);
        }
        assertThat(high).isGreaterThan(low * 2);
        assertThat(encoder.settings().bitrateBps()).isEqualTo(64_000);
        assertThat(encoder.settings().expectedLossPercent()).isEqualTo(20);
    }

    @Test
    void encodesIntoACallersBufferWithinTheDatagramBudget() {
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults().withBitrate(64_000));
        short[] speech = TestAudio.speechA();
        short[] in = new short[Pcm.FRAME_SAMPLES];
        byte[] datagram = new byte[1100];
        for (int f = 0; f < 50; f++) {
            TestAudio.frame(speech, f, in);
            int length = encoder.encode(in, datagram, 38, datagram.length - 38 - 16);
            assertThat(length).isBetween(1, OpusAudioEncoder.MAX_PACKET_BYTES);
        }
    }

    @Test
    void corruptPacketIsAMediaCodecException() {
        OpusAudioDecoder decoder = new OpusAudioDecoder();
        short[] out = new short[Pcm.FRAME_SAMPLES];
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3}; // code-3 packet claiming 63 frames
        assertThatThrownBy(() -> decoder.decode(garbage, 0, garbage.length, out))
                .isInstanceOf(MediaCodecException.class).hasMessageContaining("Opus");
        decoder.conceal(out); // the decoder stays usable
    }
}
