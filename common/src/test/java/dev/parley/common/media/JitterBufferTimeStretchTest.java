package dev.parley.common.media;

import dev.parley.common.media.PlayoutSimulation.Packet;
import dev.parley.common.media.PlayoutSimulation.Tick;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

import static dev.parley.common.media.PlayoutSimulation.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real speech through Opus and a jitter buffer with the engine's settings, on a scripted network, with
 * time stretching on and off in the same run: a delay spike is shed while the talker talks, and packets
 * running late are met by stretching speech instead of concealing it.
 */
class JitterBufferTimeStretchTest {
    /** PeerAudio's settings: a 40 ms floor. */
    private static final JitterBufferConfig CONFIG = new JitterBufferConfig(40, 200, 3000, 0.95, 5, 10, 64, 1275);
    private static final short[] SPEECH = withoutPauses(TestAudio.speechA());
    private static final int SPIKE_SLOT = 200;
    private static final int SPIKE_FRAMES = 10;
    private static final int TWO_SECONDS = 100;

    private record Run(List<Tick> ticks, JitterStats stats, double correlation) {
        int excess(int tick) {
            return ticks.get(tick).delayMillis() - ticks.get(tick).targetMillis();
        }
    }

    @Test
    void aDelaySpikeDuringSpeechIsShedWithinTwoSecondsWhileTheTalkerGoesOn() {
        // at 4 s the network holds the packets for 200 ms, then delivers them together
        List<Packet> packets = encode(SPEECH, s -> s >= SPIKE_SLOT && s < SPIKE_SLOT + SPIKE_FRAMES
                ? (SPIKE_SLOT + SPIKE_FRAMES - s) * 20 * MS + 5 * MS : 5 * MS);
        int spikeEnd = SPIKE_SLOT + SPIKE_FRAMES + 1; // the tick they are offered at
        int lastSpeech = packets.size();

        Run stretching = play(packets, CONFIG);
        Run fixedSpeed = play(packets, CONFIG.withTimeStretching(false));

        int peak = spikeEnd;
        for (int t = spikeEnd; t < spikeEnd + TWO_SECONDS; t++) {
            if (stretching.excess(t) > stretching.excess(peak)) {
                peak = t;
            }
        }
        int back = peak;
        while (stretching.excess(back) > 20) {
            back++;
        }
        int longestAbove = 0;
        int run = 0;
        for (int t = spikeEnd; t < lastSpeech; t++) {
            run = stretching.excess(t) > 20 ? run + 1 : 0;
            longestAbove = Math.max(longestAbove, run);
        }
        double shedPerSecond = (stretching.ticks().get(peak).delayMillis() - stretching.ticks().get(back).delayMillis())
                / ((back - peak) * 0.020);
        System.out.printf("200 ms spike at 4 s in %.1f s of continuous speech: with time stretching the delay peaks "
                        + "%d ms above its target (%d ms) at %.2f s and is within 20 ms of it at %.2f s: %.0f ms shed per "
                        + "second of speech; longest stretch above target + 20 ms after the spike %d ms; correlation "
                        + "%.4f; %s%n  without: correlation %.4f, largest excess %d ms; %s%n",
                SPEECH.length / 48_000.0, stretching.excess(peak), stretching.ticks().get(peak).targetMillis(),
                peak * 0.02, back * 0.02, shedPerSecond, longestAbove * 20, stretching.correlation(), stretching.stats(),
                fixedSpeed.correlation(), maxExcess(fixedSpeed, spikeEnd, lastSpeech), fixedSpeed.stats());

        // the spike's speech was waited for and played, not dropped: the buffer held well over 100 ms extra ...
        assertThat(stretching.excess(peak)).isGreaterThanOrEqualTo(100);
        assertThat(stretching.stats().late()).isLessThan(fixedSpeed.stats().late());
        // ... and shed it while the talker talked: back within 20 ms of the target within 2 s, also after
        // the target itself fell when the window forgot the spike
        assertThat(back - spikeEnd).isLessThanOrEqualTo(TWO_SECONDS);
        assertThat(longestAbove).isLessThanOrEqualTo(TWO_SECONDS);
        assertThat(stretching.excess(spikeEnd + TWO_SECONDS)).isLessThanOrEqualTo(20);
        assertThat(stretching.excess(lastSpeech - 1)).isLessThanOrEqualTo(20);
        assertThat(stretching.stats().acceleratedMillis()).isGreaterThanOrEqualTo(100);
        assertThat(stretching.stats().shrunk()).isZero(); // no pause to drop a silent frame in
        assertThat(shedPerSecond).isGreaterThanOrEqualTo(80);
        assertThat(stretching.correlation()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aPlayoutStallDuringSpeechIsNotAcceleratedAway() {
        // the network is steady; at 4 s the playout thread stalls for 300 ms (a fresh JVM compiling) while
        // packets pile up: that excess is no stretch debt, and the talker's timeline must not move under them
        List<Packet> packets = encode(SPEECH, s -> 5 * MS);
        IntPredicate stalled = t -> t >= SPIKE_SLOT && t < SPIKE_SLOT + 15;

        Run stretching = play(packets, CONFIG, stalled);
        Run fixedSpeed = play(packets, CONFIG.withTimeStretching(false), stalled);

        int after = SPIKE_SLOT + 1; // ticks are listed without the stalled ones
        int last = stretching.ticks().size() - 31;
        System.out.printf("300 ms playout stall at 4 s: with time stretching delay %d ms after it, %d ms at the end of "
                        + "speech, %d ms accelerated, correlation %.4f; without: %d ms and %d ms, correlation %.4f%n",
                stretching.ticks().get(after + 20).delayMillis(), stretching.ticks().get(last).delayMillis(),
                stretching.stats().acceleratedMillis(), stretching.correlation(),
                fixedSpeed.ticks().get(after + 20).delayMillis(), fixedSpeed.ticks().get(last).delayMillis(),
                fixedSpeed.correlation());
        assertThat(stretching.stats().acceleratedMillis()).isZero();
        assertThat(stretching.ticks().get(last).delayMillis())
                .isGreaterThanOrEqualTo(stretching.ticks().get(after + 20).delayMillis() - 20);
        assertThat(stretching.correlation()).isGreaterThanOrEqualTo(fixedSpeed.correlation() - 0.01);
    }

    @Test
    void packetsRunningLateAreMetByStretchingSpeechInsteadOfConcealment() {
        // from 4 s on the network delay grows by 20 ms a second for 5 s, then stays 100 ms higher
        List<Packet> packets = encode(SPEECH, s -> 5 * MS + Math.max(0, Math.min(250, s - SPIKE_SLOT)) * 400_000L);

        Run stretching = play(packets, CONFIG);
        Run fixedSpeed = play(packets, CONFIG.withTimeStretching(false));

        long concealedStretching = concealedWhileTalking(stretching);
        long concealedFixed = concealedWhileTalking(fixedSpeed);
        System.out.printf("network delay rising 20 ms/s for 5 s: concealed frames while talking %d with time stretching "
                        + "(%d ms stretched), %d without; late packets %d and %d; %s%n", concealedStretching,
                stretching.stats().stretchedMillis(), concealedFixed, stretching.stats().late(), fixedSpeed.stats().late(),
                stretching.stats());
        assertThat(concealedFixed).isGreaterThanOrEqualTo(10);
        assertThat(concealedStretching * 3).isLessThanOrEqualTo(concealedFixed);
        assertThat(stretching.stats().late()).isZero();
        assertThat(fixedSpeed.stats().late()).isPositive();
        assertThat(stretching.stats().stretchedMillis()).isPositive();
        assertThat(stretching.stats().decoded()).isEqualTo(packets.size());
    }

    /** Concealment ticks before the last decoded one: the talker never pauses, so all of them cover speech. */
    private static long concealedWhileTalking(Run run) {
        int last = run.ticks().size() - 1;
        while (run.ticks().get(last).kind() != PlayoutKind.DECODED) {
            last--;
        }
        return PlayoutSimulation.count(run.ticks().subList(0, last), PlayoutKind.CONCEALED);
    }

    private static int maxExcess(Run run, int from, int to) {
        int max = Integer.MIN_VALUE;
        for (int t = from; t < to; t++) {
            max = Math.max(max, run.excess(t));
        }
        return max;
    }

    private static Run play(List<Packet> packets, JitterBufferConfig config) {
        return play(packets, config, t -> false);
    }

    private static Run play(List<Packet> packets, JitterBufferConfig config, IntPredicate stalled) {
        JitterBuffer buffer = new JitterBuffer(new OpusAudioDecoder(), config);
        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, packets.size() + 30, stalled);
        short[] heard = new short[ticks.size() * Pcm.FRAME_SAMPLES];
        for (int t = 0; t < ticks.size(); t++) {
            System.arraycopy(ticks.get(t).frame(), 0, heard, t * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        }
        // as CallHarness and HeadlessCallTest align what a listener heard
        AudioCompare.Piecewise aligned = AudioCompare.alignPiecewise(SPEECH, heard, heard.length - 1, 12_000, 1_920);
        return new Run(ticks, buffer.stats(), aligned.correlation());
    }

    /** The sender: 32 kbit/s Opus with FEC and without DTX (the talker never pauses), one packet per frame. */
    private static List<Packet> encode(short[] speech, IntToLongFunction networkDelayNanos) {
        OpusAudioEncoder encoder = new OpusAudioEncoder(new OpusEncoderSettings(32_000, 5, 0, true, false));
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        byte[][] payloads = new byte[TestAudio.frames(speech)][];
        for (int f = 0; f < payloads.length; f++) {
            TestAudio.frame(speech, f, frame);
            payloads[f] = Arrays.copyOf(encoder.packet(), encoder.encode(frame));
        }
        return PlayoutSimulation.send(payloads.length, 0x7FFF_0000L, f -> payloads[f], f -> false, networkDelayNanos);
    }

    /** The speech with every pause longer than 40 ms (frames below -45 dBFS) cut to 40 ms: a talker who never stops. */
    private static short[] withoutPauses(short[] speech) {
        List<short[]> kept = new ArrayList<>();
        int quiet = 0;
        for (int f = 0; f < TestAudio.frames(speech); f++) {
            quiet = AudioCompare.rmsDbfs(speech, f * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES) < -45 ? quiet + 1 : 0;
            if (quiet <= 2) {
                kept.add(Arrays.copyOfRange(speech, f * Pcm.FRAME_SAMPLES, (f + 1) * Pcm.FRAME_SAMPLES));
            }
        }
        short[] out = new short[kept.size() * Pcm.FRAME_SAMPLES];
        for (int f = 0; f < kept.size(); f++) {
            System.arraycopy(kept.get(f), 0, out, f * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        }
        return out;
    }
}
