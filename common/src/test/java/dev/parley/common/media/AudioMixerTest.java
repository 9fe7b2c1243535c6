package dev.parley.common.media;

import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudioMixerTest {
    private final AudioMixer mixer = new AudioMixer();
    private final short[] out = new short[Pcm.FRAME_SAMPLES];

    @Test
    void twoQuietPeersSumExactly() {
        short[] a = tone(440, 0.2);
        short[] b = tone(1000, 0.3);

        mixer.add(a, 1.0);
        mixer.add(b, 1.0);
        assertThat(mixer.inputs()).isEqualTo(2);
        mixer.mixInto(out);

        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((short) (a[i] + b[i]));
        }
        assertThat(mixer.inputs()).isZero();
        assertThat(mixer.limiterGain()).isEqualTo(1.0);
    }

    @Test
    void volumeScalesEachPeer() {
        short[] a = tone(440, 0.2);

        mixer.add(a, 0.5);
        mixer.mixInto(out);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isBetween((short) (a[i] / 2 - 1), (short) (a[i] / 2 + 1));
        }

        mixer.add(a, 2.0);
        mixer.add(tone(1000, 0.3), 0.0);
        mixer.mixInto(out);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((short) (2 * a[i]));
        }

        mixer.mixInto(out); // nobody talking
        assertThat(out).containsOnly((short) 0);
        assertThatThrownBy(() -> mixer.add(a, 2.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mixer.add(a, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLoudSumIsTurnedDownSmoothlyNotClipped() {
        // two peers at 90 % of full scale, in phase: the plain sum would be 180 %
        ToneSource left = new ToneSource(440, 0.9);
        ToneSource right = new ToneSource(440, 0.9);
        short[] a = new short[Pcm.FRAME_SAMPLES];
        short[] b = new short[Pcm.FRAME_SAMPLES];
        short previous = 0;
        int maxStep = 0;
        int atFullScale = 0;
        for (int f = 0; f < 50; f++) {
            left.read(a);
            right.read(b);
            mixer.add(a, 1.0);
            mixer.add(b, 1.0);
            mixer.mixInto(out);
            for (int i = 0; i < out.length; i++) {
                short s = out[i];
                if (f > 0 || i == out.length - 1) { // the first frame starts steep, before any gain applies
                    maxStep = Math.max(maxStep, Math.abs(s - previous));
                }
                previous = s;
                if (s == Short.MAX_VALUE || s == Short.MIN_VALUE) {
                    atFullScale++;
                }
            }
            if (f > 0) {
                // the shape survives: a scaled sine, no flattened tops
                short[] ideal = tone(440, 1.0, f);
                assertThat(AudioCompare.pearson(ideal, 0, out, 0, out.length)).isGreaterThan(0.9999);
                assertThat(peak(out)).isBetween(28_000, 29_300); // the -1 dBFS ceiling
            }
        }
        assertThat(atFullScale).isZero();
        // a 440 Hz sine at the ceiling moves at most ~1,700 per sample; a hard gain step or clip would jump more
        assertThat(maxStep).isLessThan(1_800);
        assertThat(mixer.limiterGain()).isBetween(0.49, 0.51);
    }

    @Test
    void theLimiterLetsGoSlowlyWhenTheMixGetsQuietAgain() {
        short[] loud = tone(440, 0.9);
        short[] quiet = tone(440, 0.1);
        mixer.add(loud, 2.0);
        mixer.mixInto(out);
        double pulledDown = mixer.limiterGain();
        mixer.add(quiet, 1.0);
        mixer.mixInto(out);
        double oneFrameLater = mixer.limiterGain();
        for (int f = 0; f < 50; f++) {
            mixer.add(quiet, 1.0);
            mixer.mixInto(out);
        }
        assertThat(pulledDown).isLessThan(0.5);
        assertThat(oneFrameLater).isBetween(pulledDown, 0.7);
        assertThat(mixer.limiterGain()).isGreaterThan(0.99);
    }

    @Test
    void twoLoudVoicesNeverLeaveShortRange() {
        short[] a = TestAudio.speechA();
        short[] b = TestAudio.speechB();
        short[] fa = new short[Pcm.FRAME_SAMPLES];
        short[] fb = new short[Pcm.FRAME_SAMPLES];
        double lowestGain = 1;
        int atFullScale = 0;
        for (int f = 0; f < Math.min(TestAudio.frames(a), TestAudio.frames(b)); f++) {
            TestAudio.frame(a, f, fa);
            TestAudio.frame(b, f, fb);
            mixer.add(fa, 2.0);
            mixer.add(fb, 2.0);
            mixer.mixInto(out);
            lowestGain = Math.min(lowestGain, mixer.limiterGain());
            for (short s : out) {
                if (s == Short.MAX_VALUE || s == Short.MIN_VALUE) {
                    atFullScale++;
                }
            }
        }
        assertThat(lowestGain).isLessThan(0.9);
        assertThat(atFullScale).isZero();
    }

    @Test
    void aSuddenHugeSumStaysOffTheRails() {
        short[] loud = tone(440, 1.0);
        mixer.add(loud, 2.0);
        mixer.add(loud, 2.0);
        mixer.mixInto(out);
        assertThat(peak(out)).isLessThan(Short.MAX_VALUE);
    }

    @Test
    void theSoftKneeIsContinuousAndStaysBelowFullScale() {
        assertThat(SoftLimiter.softKnee(0.5f)).isEqualTo(0.5f);
        assertThat(SoftLimiter.softKnee(SoftLimiter.CEILING)).isEqualTo(SoftLimiter.CEILING);
        assertThat(SoftLimiter.softKnee(SoftLimiter.CEILING + 0.001f)).isCloseTo(SoftLimiter.CEILING + 0.001f,
                org.assertj.core.data.Offset.offset(0.0001f));
        assertThat(SoftLimiter.softKnee(10f)).isLessThanOrEqualTo(SoftLimiter.LIMIT).isGreaterThan(0.99f);
        assertThat(SoftLimiter.softKnee(-10f)).isGreaterThanOrEqualTo(-SoftLimiter.LIMIT);
    }

    @Test
    void levelMeterShowsWhoIsSpeaking() {
        LevelMeter meter = new LevelMeter();
        short[] silence = new short[Pcm.FRAME_SAMPLES];
        meter.update(silence);
        assertThat(meter.speaking()).isFalse();
        assertThat(meter.level()).isZero();
        assertThat(meter.frameDbfs()).isEqualTo(Pcm.SILENCE_DBFS);

        meter.update(tone(440, 0.1)); // RMS 0.0707: -23 dBFS
        assertThat(meter.speaking()).isTrue();
        assertThat(meter.frameDbfs()).isCloseTo(-23.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(meter.level()).isCloseTo(37.0 / 60, org.assertj.core.data.Offset.offset(0.01));

        for (int f = 0; f < 14; f++) {
            meter.update(silence);
        }
        assertThat(meter.speaking()).isTrue(); // 300 ms hang-over between words
        assertThat(meter.levelDbfs()).isLessThan(-23.0).isGreaterThan(-30.0); // falls gently
        meter.update(silence);
        assertThat(meter.speaking()).isFalse();

        meter.update(tone(440, 0.003)); // -53 dBFS: background noise, not speech
        assertThat(meter.speaking()).isFalse();
    }

    private static short[] tone(double hz, double amplitude) {
        return tone(hz, amplitude, 0);
    }

    private static short[] tone(double hz, double amplitude, int frameIndex) {
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        for (int i = 0; i < frame.length; i++) {
            long n = (long) frameIndex * Pcm.FRAME_SAMPLES + i;
            frame[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * n / Pcm.SAMPLE_RATE));
        }
        return frame;
    }

    private static int peak(short[] frame) {
        int peak = 0;
        for (short s : frame) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
