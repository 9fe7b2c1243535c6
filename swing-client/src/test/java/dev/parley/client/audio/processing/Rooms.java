package dev.parley.client.audio.processing;

import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.Pcm;
import dev.parley.common.testing.audio.AudioCompare;

import java.util.Arrays;
import java.util.Random;

/** Rooms made of numbers: echoes, talkers, noise, and a processor run over them as a call would. */
final class Rooms {
    static final int SAMPLES_PER_MS = Pcm.SAMPLE_RATE / 1000;

    private Rooms() {
    }

    /** What the microphone picks up of {@code played}: {@code delayMillis} later and {@code gainDb} quieter. */
    static short[] echo(short[] played, int delayMillis, double gainDb) {
        double gain = Math.pow(10, gainDb / 20);
        short[] out = new short[played.length];
        int delay = delayMillis * SAMPLES_PER_MS;
        for (int i = delay; i < out.length; i++) {
            out[i] = (short) Math.round(played[i - delay] * gain);
        }
        return out;
    }

    /** {@code a} with {@code b} added from sample {@code at} on, clipped, as long as {@code a}. */
    static short[] mix(short[] a, short[] b, int at) {
        short[] out = a.clone();
        for (int i = at; i < out.length && i - at < b.length; i++) {
            out[i] = clip(out[i] + b[i - at]);
        }
        return out;
    }

    /** {@code pcm} scaled by {@code gain}, clipped. */
    static short[] scale(short[] pcm, double gain) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = clip(pcm[i] * gain);
        }
        return out;
    }

    /**
     * Pink noise (power falling 3 dB per octave, like a fan or distant traffic), RMS 1.0: white noise
     * through Paul Kellet's filter, which stays within 0.05 dB of -3 dB/octave above 9 Hz at 48 kHz.
     */
    static double[] pinkNoise(int samples, long seed) {
        Random random = new Random(seed);
        double[] out = new double[samples];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        double b4 = 0;
        double b5 = 0;
        double b6 = 0;
        double energy = 0;
        for (int i = 0; i < samples; i++) {
            double white = random.nextGaussian();
            b0 = 0.99886 * b0 + white * 0.0555179;
            b1 = 0.99332 * b1 + white * 0.0750759;
            b2 = 0.96900 * b2 + white * 0.1538520;
            b3 = 0.86650 * b3 + white * 0.3104856;
            b4 = 0.55000 * b4 + white * 0.5329522;
            b5 = -0.7616 * b5 - white * 0.0168980;
            out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
            b6 = white * 0.115926;
            energy += out[i] * out[i];
        }
        double rms = Math.sqrt(energy / samples);
        for (int i = 0; i < samples; i++) {
            out[i] /= rms;
        }
        return out;
    }

    /**
     * Runs a call through {@code processor}: for each 20 ms frame, what the speaker plays ({@code far},
     * or nothing when null) goes in first, then the microphone's frame is processed. Returns the
     * processed microphone.
     */
    static short[] process(AudioProcessor processor, short[] far, short[] microphone) {
        short[] out = new short[microphone.length - microphone.length % Pcm.FRAME_SAMPLES];
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        for (int at = 0; at < out.length; at += Pcm.FRAME_SAMPLES) {
            if (far != null) {
                Arrays.fill(frame, (short) 0);
                System.arraycopy(far, at, frame, 0, Math.max(0, Math.min(Pcm.FRAME_SAMPLES, far.length - at)));
                processor.farEnd(frame, 0);
            }
            System.arraycopy(microphone, at, frame, 0, Pcm.FRAME_SAMPLES);
            processor.nearEnd(frame);
            System.arraycopy(frame, 0, out, at, Pcm.FRAME_SAMPLES);
        }
        return out;
    }

    /** Energy of {@code pcm} between two instants, in dB (of the sum of squares). */
    static double energyDb(short[] pcm, double fromSeconds, double toSeconds) {
        int from = (int) (fromSeconds * Pcm.SAMPLE_RATE);
        int to = Math.min(pcm.length, (int) (toSeconds * Pcm.SAMPLE_RATE));
        double energy = 1;
        for (int i = from; i < to; i++) {
            energy += (double) pcm[i] * pcm[i];
        }
        return 10 * Math.log10(energy);
    }

    /**
     * The correlation of {@code reference} with {@code processed} between two instants of the
     * reference, at the best lag within {@code maxLagMillis} (the processing delays its output).
     */
    static double correlation(short[] reference, short[] processed, double fromSeconds, double toSeconds,
                              int maxLagMillis) {
        int from = (int) (fromSeconds * Pcm.SAMPLE_RATE);
        int to = Math.min(reference.length, (int) (toSeconds * Pcm.SAMPLE_RATE));
        short[] ref = Arrays.copyOfRange(reference, from, to);
        short[] out = Arrays.copyOfRange(processed, from, Math.min(processed.length, to + maxLagMillis * SAMPLES_PER_MS));
        int lag = AudioCompare.bestLag(ref, out, maxLagMillis * SAMPLES_PER_MS);
        int n = Math.min(ref.length - Math.max(0, -lag), out.length - Math.max(0, lag));
        return AudioCompare.pearson(ref, Math.max(0, -lag), out, Math.max(0, lag), n);
    }

    static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
