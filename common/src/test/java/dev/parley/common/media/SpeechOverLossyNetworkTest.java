package dev.parley.common.media;

import dev.parley.common.media.PlayoutSimulation.Packet;
import dev.parley.common.media.PlayoutSimulation.Tick;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.parley.common.media.PlayoutSimulation.MS;
import static org.assertj.core.api.Assertions.assertThat;

/** Speech through the whole receive path: Opus with FEC and DTX, 10 % random loss, jitter buffer, PLC. */
class SpeechOverLossyNetworkTest {
    private static final double LOSS = 0.10;

    /**
     * At the default 32 kbit/s. Concentus codes FEC data only from about 28 kbit/s at 10 % expected loss
     * (24 kbit/s at 25 %); below that, rebuilding from the next packet is plain concealment (measured at
     * 24 kbit/s: 0.888 either way).
     */
    @Test
    void tenPercentLossIsRepairedByFecAndConcealment() {
        int bitrate = OpusEncoderSettings.defaults().bitrateBps();
        short[] speech = TestAudio.speechA();
        int frames = TestAudio.frames(speech);
        byte[][] sent = encode(speech, bitrate);
        Random random = new Random(20_240_611L);
        boolean[] lost = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            lost[f] = sent[f] != null && random.nextDouble() < LOSS;
        }
        List<Packet> packets = PlayoutSimulation.send(frames, 0x7FFF_0000L, f -> sent[f], f -> lost[f], f -> 5 * MS);

        Result withFec = play(speech, packets, new OpusAudioDecoder(), JitterBufferConfig.defaults());
        Result plcOnly = play(speech, packets, new WithoutFec(new OpusAudioDecoder()), JitterBufferConfig.defaults());
        Result fixedSpeed = play(speech, packets, new OpusAudioDecoder(),
                JitterBufferConfig.defaults().withTimeStretching(false));

        long sentCount = Arrays.stream(sent).filter(p -> p != null).count();
        long lostCount = sentCount - packets.size();
        System.out.printf("Opus %d bit/s, %d of %d packets lost (%.1f %%), %d DTX frames not sent: "
                        + "FEC+PLC correlation %.4f (%d rebuilt by FEC, %d concealed, longest gap %d ms), "
                        + "PLC only %.4f (longest gap %d ms)%n",
                bitrate, lostCount, sentCount, 100.0 * lostCount / sentCount, frames - sentCount,
                withFec.correlation, withFec.stats.fecRecovered(), withFec.stats.concealed(), withFec.longestGapMs,
                plcOnly.correlation, plcOnly.longestGapMs);
        System.out.printf("without time stretching: FEC+PLC correlation %.4f (%d rebuilt by FEC, %d concealed, longest gap "
                        + "%d ms); with it: %d ms accelerated, %d ms stretched%n", fixedSpeed.correlation,
                fixedSpeed.stats.fecRecovered(), fixedSpeed.stats.concealed(), fixedSpeed.longestGapMs,
                withFec.stats.acceleratedMillis(), withFec.stats.stretchedMillis());
        assertThat(withFec.correlation).isGreaterThanOrEqualTo(0.85);
        assertThat(withFec.longestGapMs).isLessThanOrEqualTo(100);
        assertThat(withFec.stats.fecRecovered()).isGreaterThan(lostCount / 2);
        assertThat(withFec.stats.late()).isZero();
        assertThat(withFec.stats.missing()).isEqualTo(lostCount);
        assertThat(withFec.correlation).isGreaterThan(plcOnly.correlation + 0.02);
        // loss at a steady delay is not lateness: time stretching must leave it as it was
        assertThat(withFec.correlation).isGreaterThanOrEqualTo(fixedSpeed.correlation);
        assertThat(withFec.longestGapMs).isLessThanOrEqualTo(fixedSpeed.longestGapMs);
    }

    private record Result(double correlation, int longestGapMs, JitterStats stats) {
    }

    private static byte[][] encode(short[] speech, int bitrate) {
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults()
                .withBitrate(bitrate).withExpectedLossPercent((int) (LOSS * 100)));
        int frames = TestAudio.frames(speech);
        byte[][] packets = new byte[frames][];
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        for (int f = 0; f < frames; f++) {
            TestAudio.frame(speech, f, frame);
            int length = encoder.encode(frame);
            packets[f] = encoder.lastWasDtx() ? null : Arrays.copyOf(encoder.packet(), length);
        }
        return packets;
    }

    /** Plays the stream; the output is aligned with the input from the first decoded tick on. */
    private static Result play(short[] speech, List<Packet> packets, AudioFrameDecoder decoder, JitterBufferConfig config) {
        JitterBuffer buffer = new JitterBuffer(decoder, config);
        int frames = TestAudio.frames(speech);
        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, frames + 10);
        int start = 0;
        while (ticks.get(start).kind() == PlayoutKind.SILENCE) {
            start++;
        }
        short[] out = new short[speech.length];
        boolean[] gap = new boolean[frames];
        for (int f = 0; f < frames && start + f < ticks.size(); f++) {
            Tick tick = ticks.get(start + f);
            System.arraycopy(tick.frame(), 0, out, f * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
            // a gap is the talker talking while the listener gets concealment or nothing; concealment
            // while the talker has just gone quiet (DTX starting, not yet known as such) is no gap
            boolean talking = AudioCompare.rmsDbfs(speech, f * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES) > -50;
            boolean mute = AudioCompare.rmsDbfs(tick.frame(), 0, Pcm.FRAME_SAMPLES) < -70;
            gap[f] = talking && (tick.kind() == PlayoutKind.CONCEALED || mute);
        }
        AudioCompare.Alignment alignment = AudioCompare.align(speech, out, 2000);
        return new Result(alignment.correlation(), AudioCompare.longestRun(gap) * Pcm.FRAME_MILLIS, buffer.stats());
    }

    /** The same decoder with FEC switched off, for comparison: a missing packet is always concealed. */
    private record WithoutFec(AudioFrameDecoder inner) implements AudioFrameDecoder {
        @Override
        public void decode(byte[] packet, int offset, int length, short[] out) {
            inner.decode(packet, offset, length, out);
        }

        @Override
        public void conceal(short[] out) {
            inner.conceal(out);
        }

        @Override
        public void recover(byte[] nextPacket, int offset, int length, short[] out) {
            inner.conceal(out);
        }

        @Override
        public void reset() {
            inner.reset();
        }
    }
}
