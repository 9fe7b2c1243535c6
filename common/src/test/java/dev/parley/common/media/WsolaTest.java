package dev.parley.common.media;

import dev.parley.common.testing.audio.Fft;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TimeStretcher} (WSOLA): speech and tones sped up and slowed down by a quarter keep their pitch
 * and stay continuous, and noise, where no splice would be inaudible, is left alone.
 */
class WsolaTest {
    private static final int FRAME = Pcm.FRAME_SAMPLES;
    private static final int HISTORY = TimeStretcher.HISTORY;

    @Test
    void aToneKeepsItsPitchAndStaysSmoothWhenSpedUpOrSlowedDown() {
        short[] tone = tone(220, 3 * Pcm.SAMPLE_RATE, 8000);

        short[] faster = play(tone, true, 0.25);
        short[] slower = play(tone, false, 0.25);

        double ratioFaster = (double) faster.length / tone.length;
        double ratioSlower = (double) slower.length / tone.length;
        double pitch = dominantHz(tone, 0, Integer.MAX_VALUE);
        System.out.printf("220 Hz tone: %.1f Hz; sped up to %.2f of its length: %.1f Hz, largest step %d (source %d); "
                        + "slowed to %.2f: %.1f Hz, largest step %d%n", pitch, ratioFaster,
                dominantHz(faster, 0, Integer.MAX_VALUE), largestStep(faster), largestStep(tone), ratioSlower,
                dominantHz(slower, 0, Integer.MAX_VALUE), largestStep(slower));
        assertThat(ratioFaster).isBetween(0.70, 0.85);
        assertThat(ratioSlower).isBetween(1.15, 1.34);
        // resampling by the same ratio would move it by 40 Hz or more; the bins are 0.7 Hz wide
        assertThat(dominantHz(faster, 0, Integer.MAX_VALUE)).isCloseTo(pitch, org.assertj.core.data.Offset.offset(1.5));
        assertThat(dominantHz(slower, 0, Integer.MAX_VALUE)).isCloseTo(pitch, org.assertj.core.data.Offset.offset(1.5));
        // a splice out of phase would jump by up to twice the amplitude (16,000); the tone's own step is 230
        assertThat(largestStep(faster)).isLessThanOrEqualTo(largestStep(tone) + 10);
        assertThat(largestStep(slower)).isLessThanOrEqualTo(largestStep(tone) + 10);
    }

    @Test
    void speechKeepsItsPitchAndStaysContinuousWhenSpedUpOrSlowedDown() {
        short[] speech = TestAudio.speechA();

        short[] faster = play(speech, true, 0.25);
        short[] slower = play(speech, false, 0.25);
        short[] resampled = dropEveryFifthSample(speech);

        double pitch = medianPitchHz(speech);
        double pitchFaster = medianPitchHz(faster);
        double pitchSlower = medianPitchHz(slower);
        double pitchResampled = medianPitchHz(resampled);
        System.out.printf("speech A: median voice pitch %.1f Hz; sped up to %.2f of its length: %.1f Hz, "
                        + "largest step %d (source %d); slowed to %.2f: %.1f Hz, largest step %d; "
                        + "resampled to 0.80 instead: %.1f Hz%n", pitch, (double) faster.length / speech.length,
                pitchFaster, largestStep(faster), largestStep(speech), (double) slower.length / speech.length,
                pitchSlower, largestStep(slower), pitchResampled);
        assertThat((double) faster.length / speech.length).isBetween(0.75, 0.92);
        assertThat((double) slower.length / speech.length).isBetween(1.08, 1.34);
        // the measure tells a pitch shift: plain resampling moves it by a quarter
        assertThat(pitchResampled / pitch).isGreaterThan(1.15);
        assertThat(pitchFaster / pitch).isBetween(0.97, 1.03);
        assertThat(pitchSlower / pitch).isBetween(0.97, 1.03);
        // no clicks: a crossfade of two matching periods steps no further than the speech itself does
        assertThat(largestStep(faster)).isLessThanOrEqualTo(largestStep(speech) * 11 / 10);
        assertThat(largestStep(slower)).isLessThanOrEqualTo(largestStep(speech) * 11 / 10);
    }

    @Test
    void noiseIsLeftAloneAndSilenceIsSplicedFreely() {
        Random random = new Random(3);
        short[] buffer = new short[HISTORY + 3 * FRAME];
        for (int i = 0; i < buffer.length - FRAME; i++) {
            buffer[i] = (short) (random.nextGaussian() * 6000);
        }
        short[] before = buffer.clone();
        TimeStretcher stretcher = new TimeStretcher();

        assertThat(stretcher.compress(buffer, 0, HISTORY, HISTORY + 2 * FRAME, FRAME)).isZero();
        assertThat(stretcher.expand(buffer, 0, HISTORY, HISTORY + 2 * FRAME, buffer.length, FRAME)).isZero();
        assertThat(buffer).isEqualTo(before);

        short[] silence = new short[HISTORY + 3 * FRAME];
        assertThat(stretcher.compress(silence, 0, HISTORY, HISTORY + 2 * FRAME, FRAME))
                .isBetween(TimeStretcher.MIN_PERIOD, FRAME);
    }

    @Test
    void aSpliceKeepsWhatWasPlayedAndTheLastSampleAndStaysWithinItsLimit() {
        short[] speech = TestAudio.speechA();
        TimeStretcher stretcher = new TimeStretcher();
        int spliced = 0;
        double worst = 0;
        // voiced frames through the clip: one splice each way, checked sample by sample around it
        for (int at = HISTORY; at + 2 * FRAME <= speech.length; at += 7 * FRAME) {
            short[] buffer = new short[HISTORY + 4 * FRAME];
            System.arraycopy(speech, at - HISTORY, buffer, 0, HISTORY + 2 * FRAME);
            short[] original = buffer.clone();
            int to = HISTORY + 2 * FRAME;

            int removed = stretcher.compress(buffer, 0, HISTORY, to, 300);
            if (removed > 0) {
                spliced++;
                assertThat(removed).isBetween(TimeStretcher.MIN_PERIOD, 300);
                assertThat(Arrays.copyOfRange(buffer, 0, HISTORY + 1)).isEqualTo(Arrays.copyOfRange(original, 0, HISTORY + 1));
                assertThat(Arrays.copyOfRange(buffer, HISTORY + removed, to - removed))
                        .isEqualTo(Arrays.copyOfRange(original, HISTORY + 2 * removed, to));
                // across the crossfade and its two joins, no step beyond what the speech there does itself
                worst = Math.max(worst, (double) largestStep(buffer, HISTORY - 1, HISTORY + removed + 1)
                        / Math.max(64, largestStep(original, HISTORY - 1, HISTORY + 2 * removed + 1)));
            }
            System.arraycopy(original, 0, buffer, 0, original.length);
            int inserted = stretcher.expand(buffer, 0, HISTORY, to, buffer.length, FRAME);
            if (inserted > 0) {
                assertThat(inserted).isBetween(TimeStretcher.MIN_PERIOD, FRAME);
                assertThat(Arrays.copyOfRange(buffer, 0, HISTORY + 1)).isEqualTo(Arrays.copyOfRange(original, 0, HISTORY + 1));
                assertThat(Arrays.copyOfRange(buffer, HISTORY + inserted, to + inserted))
                        .isEqualTo(Arrays.copyOfRange(original, HISTORY, to));
                worst = Math.max(worst, (double) largestStep(buffer, HISTORY - 1, HISTORY + inserted + 1)
                        / Math.max(64, largestStep(original, HISTORY - inserted - 1, HISTORY + inserted + 1)));
            }
        }
        System.out.printf("%d splices in speech A: largest step at a splice %.2f times the largest nearby in the speech%n",
                spliced, worst);
        assertThat(spliced).isGreaterThan(10);
        assertThat(worst).isLessThan(1.25);
    }

    /**
     * Plays {@code in} through a playout queue the way the jitter buffer does: a frame out per tick, the
     * queue topped up to two frames, and a splice per tick as far as a budget of {@code share} of a frame
     * per tick allows (speeding up, or slowing down).
     */
    private static short[] play(short[] in, boolean faster, double share) {
        TimeStretcher stretcher = new TimeStretcher();
        short[] buffer = new short[HISTORY + 6 * FRAME];
        short[] out = new short[in.length * 2];
        int end = HISTORY;
        int next = 0;
        int written = 0;
        int budget = 0;
        while (true) {
            while (end - HISTORY < 2 * FRAME && next + FRAME <= in.length) {
                System.arraycopy(in, next, buffer, end, FRAME);
                end += FRAME;
                next += FRAME;
            }
            if (end - HISTORY < FRAME) {
                break;
            }
            budget = (int) Math.min(FRAME, budget + share * FRAME);
            if (faster) {
                int removed = stretcher.compress(buffer, 0, HISTORY, end, Math.min(budget, end - HISTORY - FRAME));
                end -= removed;
                budget -= removed;
            } else {
                int inserted = stretcher.expand(buffer, 0, HISTORY, end, buffer.length, budget);
                end += inserted;
                budget -= inserted;
            }
            System.arraycopy(buffer, HISTORY, out, written, FRAME);
            written += FRAME;
            System.arraycopy(buffer, FRAME, buffer, 0, end - FRAME);
            end -= FRAME;
        }
        return Arrays.copyOf(out, written);
    }

    private static short[] tone(double hz, int samples, int amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / Pcm.SAMPLE_RATE));
        }
        return s;
    }

    private static short[] dropEveryFifthSample(short[] in) {
        short[] out = new short[in.length * 4 / 5];
        int n = 0;
        for (int i = 0; i < in.length && n < out.length; i++) {
            if (i % 5 != 4) {
                out[n++] = in[i];
            }
        }
        return out;
    }

    /**
     * The frequency with the most energy between {@code fromHz} and {@code toHz}, from the power spectrum
     * averaged over 65,536-sample Hann-windowed blocks (0.73 Hz bins, interpolated between them).
     */
    private static double dominantHz(short[] pcm, double fromHz, double toHz) {
        int n = 1 << 16;
        double[] power = new double[n / 2];
        double[] re = new double[n];
        double[] im = new double[n];
        for (int start = 0; start + n <= Math.max(pcm.length, n); start += n / 2) {
            Arrays.fill(im, 0);
            for (int i = 0; i < n; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
                re[i] = start + i < pcm.length ? pcm[start + i] * w : 0;
            }
            Fft.transform(re, im, false);
            for (int k = 0; k < n / 2; k++) {
                power[k] += re[k] * re[k] + im[k] * im[k];
            }
        }
        double bin = (double) Pcm.SAMPLE_RATE / n;
        int from = Math.max(1, (int) Math.ceil(fromHz / bin));
        int to = (int) Math.min(n / 2 - 2, Math.floor(toHz / bin));
        int best = from;
        for (int k = from; k <= to; k++) {
            if (power[k] > power[best]) {
                best = k;
            }
        }
        // parabolic interpolation on the log power around the peak
        double a = Math.log(power[best - 1] + 1e-9);
        double b = Math.log(power[best] + 1e-9);
        double c = Math.log(power[best + 1] + 1e-9);
        double shift = a - 2 * b + c == 0 ? 0 : 0.5 * (a - c) / (a - 2 * b + c);
        return (best + shift) * bin;
    }

    /**
     * The median pitch of the voiced 43 ms blocks (above -35 dBFS): per block the autocorrelation by FFT,
     * its highest peak at a period of 2.5 to 14 ms (400 to 70 Hz), kept when it reaches half the energy.
     */
    private static double medianPitchHz(short[] pcm) {
        int block = 2048;
        int n = 2 * block;
        double[] re = new double[n];
        double[] im = new double[n];
        double[] pitches = new double[pcm.length / (block / 2) + 1];
        int count = 0;
        for (int start = 0; start + block <= pcm.length; start += block / 2) {
            if (dev.parley.common.testing.audio.AudioCompare.rmsDbfs(pcm, start, block) < -35) {
                continue;
            }
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            for (int i = 0; i < block; i++) {
                re[i] = pcm[start + i];
            }
            Fft.transform(re, im, false);
            for (int k = 0; k < n; k++) {
                re[k] = re[k] * re[k] + im[k] * im[k];
                im[k] = 0;
            }
            Fft.transform(re, im, true); // autocorrelation, unscaled
            int best = 120;
            for (int lag = 120; lag <= 686; lag++) {
                if (re[lag] > re[best]) {
                    best = lag;
                }
            }
            if (re[best] > 0.5 * re[0]) {
                double a = re[best - 1];
                double b = re[best];
                double c = re[best + 1];
                double shift = a - 2 * b + c == 0 ? 0 : 0.5 * (a - c) / (a - 2 * b + c);
                pitches[count++] = Pcm.SAMPLE_RATE / (best + shift);
            }
        }
        double[] voiced = Arrays.copyOf(pitches, count);
        Arrays.sort(voiced);
        return voiced[count / 2];
    }

    private static int largestStep(short[] pcm) {
        return largestStep(pcm, 0, pcm.length);
    }

    private static int largestStep(short[] pcm, int from, int to) {
        int step = 0;
        for (int i = from + 1; i < to; i++) {
            step = Math.max(step, Math.abs(pcm[i] - pcm[i - 1]));
        }
        return step;
    }
}
