package dev.parley.client.audio.processing;

import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.Pcm;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebRTC's noise suppressor (the real natives) on speech in pink noise (a fan, distant traffic) at
 * 5 dB signal-to-noise ratio: the noise must drop by at least 10 dB relative to the speech, and the
 * speech must keep its shape (its correlation with the clean speech within 0.05 of what processing
 * the clean speech gives).
 *
 * <p>How the ratio is measured, the processing being nonlinear: 10 ms frames are told apart by the
 * clean speech. Speech frames are within 25 dB of its loudest frame, pauses more than 50 dB below
 * it; the ratio of a signal is its mean power in speech frames, less its mean power in pauses (the
 * noise, which is there too), over its mean power in pauses. The speech's correlation is taken over
 * the speech frames (in pauses there is nothing to keep, and what noise is left there counts in the
 * ratio), at the lag the processing delays its output by. The first 2 s, while the suppressor
 * learns the noise, are left out of both.
 */
class NoiseSuppressionTest {
    private static final AudioProcessing NOISE_ONLY = new AudioProcessing(false, true, false);
    private static final double SNR_DB = 5;
    private static final double LEARNING_SECONDS = 2;
    private static final int BLOCK = Pcm.SAMPLE_RATE / 100;

    @ParameterizedTest
    @ValueSource(strings = {TestAudio.SPEECH_A, TestAudio.SPEECH_B})
    void noiseDropsAndTheSpeechKeepsItsShape(String clip) {
        short[] speech = TestAudio.load(clip);
        boolean[] speaking = new boolean[speech.length / BLOCK];
        boolean[] pausing = new boolean[speaking.length];
        classify(speech, speaking, pausing);
        double[] pink = Rooms.pinkNoise(speech.length, 42);
        double noiseGain = Math.sqrt(meanPower(speech, speaking) / Math.pow(10, SNR_DB / 10));
        short[] noisy = new short[speech.length];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = Rooms.clip(speech[i] + noiseGain * pink[i]);
        }

        short[] fromClean;
        short[] fromNoisy;
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(NOISE_ONLY)) {
            fromClean = Rooms.process(processor, null, speech);
        }
        try (WebRtcAudioProcessor processor = new WebRtcAudioProcessor(NOISE_ONLY)) {
            fromNoisy = Rooms.process(processor, null, noisy);
        }

        double before = snr(noisy, speaking, pausing);
        double after = snr(fromNoisy, speaking, pausing);
        double cleanShape = speechCorrelation(speech, fromClean, speaking);
        double noisyShape = speechCorrelation(speech, fromNoisy, speaking);
        System.out.printf("noise suppression, %s: SNR %.1f dB -> %.1f dB (%+.1f dB); speech correlation %.3f from"
                        + " the noisy input, %.3f from the clean one (%.3f unprocessed noisy)%n", clip, before, after,
                after - before, noisyShape, cleanShape, speechCorrelation(speech, noisy, speaking));
        assertThat(before).as("the mix's SNR, dB").isBetween(SNR_DB - 1, SNR_DB + 1);
        assertThat(after - before).as("SNR improvement, dB").isGreaterThanOrEqualTo(10);
        assertThat(noisyShape).as("speech correlation from the noisy input").isGreaterThanOrEqualTo(cleanShape - 0.05);
    }

    /** Pearson correlation of the speech frames after the first 2 s, at the best lag within 50 ms. */
    private static double speechCorrelation(short[] speech, short[] processed, boolean[] speaking) {
        int from = (int) (LEARNING_SECONDS * Pcm.SAMPLE_RATE);
        int maxLag = 50 * Rooms.SAMPLES_PER_MS;
        int lag = AudioCompare.bestLag(Arrays.copyOfRange(speech, from, speech.length),
                Arrays.copyOfRange(processed, from, processed.length), maxLag);
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        long n = 0;
        for (int b = from / BLOCK; b < speaking.length; b++) {
            if (!speaking[b]) {
                continue;
            }
            for (int i = b * BLOCK; i < (b + 1) * BLOCK && i + lag < processed.length; i++) {
                double x = speech[i];
                double y = processed[i + lag];
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
                n++;
            }
        }
        double cov = sab - sa * sb / n;
        return cov / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    private static void classify(short[] speech, boolean[] speaking, boolean[] pausing) {
        double[] db = new double[speaking.length];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < db.length; b++) {
            double power = 1e-3;
            for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                power += (double) speech[i] * speech[i];
            }
            db[b] = 10 * Math.log10(power / BLOCK);
            loudest = Math.max(loudest, db[b]);
        }
        for (int b = 0; b < db.length; b++) {
            speaking[b] = db[b] > loudest - 25;
            pausing[b] = db[b] < loudest - 50;
        }
    }

    private static double meanPower(short[] pcm, boolean[] blocks) {
        double sum = 0;
        long n = 0;
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b]) {
                for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                    sum += (double) pcm[i] * pcm[i];
                }
                n += BLOCK;
            }
        }
        return sum / n;
    }

    private static double snr(short[] pcm, boolean[] speaking, boolean[] pausing) {
        int skip = (int) (LEARNING_SECONDS * 100);
        boolean[] speech = speaking.clone();
        boolean[] pauses = pausing.clone();
        for (int b = 0; b < skip; b++) {
            speech[b] = false;
            pauses[b] = false;
        }
        double noise = meanPower(pcm, pauses);
        return 10 * Math.log10((meanPower(pcm, speech) - noise) / noise);
    }
}
