package dev.parley.client.e2e.desktop;

import dev.parley.common.media.AudioSource;
import dev.parley.common.media.WavFileSink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads WAV files that a running participant is still writing ({@link WavFileSink}: 44-byte header,
 * 48 kHz mono 16-bit), and measures tones in them.
 */
public final class Recordings {
    private static final int HEADER = 44;

    private Recordings() {
    }

    /** The last {@code millis} of a recording in progress; shorter while the file is younger than that. */
    public static short[] tail(Path wav, int millis) throws IOException {
        if (!Files.exists(wav)) {
            return new short[0];
        }
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.READ)) {
            long samples = Math.max(0, (channel.size() - HEADER) / 2);
            int wanted = (int) Math.min(samples, (long) AudioSource.SAMPLE_RATE * millis / 1000);
            ByteBuffer bytes = ByteBuffer.allocate(wanted * 2).order(ByteOrder.LITTLE_ENDIAN);
            long position = HEADER + (samples - wanted) * 2;
            while (bytes.hasRemaining()) {
                int n = channel.read(bytes, position + bytes.position());
                if (n < 0) {
                    break;
                }
            }
            bytes.flip();
            short[] pcm = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(pcm);
            return pcm;
        }
    }

    /**
     * The amplitude (in sample units, 0..32767) of the sine at {@code frequencyHz} in {@code pcm}, by
     * the Goertzel algorithm: a full-scale tone at that frequency reads about 32767, other tones and
     * silence read near 0 (over a whole second, any two whole-hertz tones are orthogonal; over other
     * lengths a tone hundreds of hertz away leaks in at well under 1 % of its amplitude). A window
     * shorter than 100 ms reads 0.
     */
    public static double toneAmplitude(short[] pcm, double frequencyHz) {
        int n = pcm.length;
        if (n < AudioSource.SAMPLE_RATE / 10) {
            return 0;
        }
        double w = 2 * Math.PI * frequencyHz / AudioSource.SAMPLE_RATE;
        double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short sample : pcm) {
            double s = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / n;
    }

    /** Writes {@code seconds} of a {@link PulsedTone} as a WAV file, for a headless participant's {@code --play}. */
    public static void writeTone(Path wav, double frequencyHz, double amplitude, int seconds) throws IOException {
        PulsedTone tone = new PulsedTone(frequencyHz, amplitude);
        short[] frame = new short[AudioSource.FRAME_SAMPLES];
        try (WavFileSink sink = new WavFileSink(wav)) {
            for (int i = 0; i < seconds * AudioSource.SAMPLE_RATE / AudioSource.FRAME_SAMPLES; i++) {
                tone.read(frame);
                sink.write(frame);
            }
        }
    }
}
