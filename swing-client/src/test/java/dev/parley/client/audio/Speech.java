package dev.parley.client.audio;

import dev.parley.common.media.AudioSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** The speech clip shared by the tests (common's test resources), as samples and as a file. */
final class Speech {
    static final String RESOURCE = "/audio/speech-a-48k.wav";

    private Speech() {
    }

    /** The clip's samples, 48 kHz mono 16-bit. */
    static short[] samples() throws IOException {
        try (InputStream raw = open();
                AudioInputStream wav = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
            if (!wav.getFormat().matches(PcmFormat.FORMAT)) {
                throw new IOException(RESOURCE + " is " + wav.getFormat() + ", not " + PcmFormat.FORMAT);
            }
            byte[] bytes = wav.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(e);
        }
    }

    /** The clip copied into {@code directory}, for tools that want a file. */
    static Path file(Path directory) throws IOException {
        Path file = directory.resolve("speech.wav");
        try (InputStream in = open()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** Frame {@code index} of {@code samples}, zero-padded past the end. */
    static short[] frame(short[] samples, int index, short[] into) {
        int from = index * AudioSource.FRAME_SAMPLES;
        int length = Math.max(0, Math.min(AudioSource.FRAME_SAMPLES, samples.length - from));
        System.arraycopy(samples, from, into, 0, length);
        java.util.Arrays.fill(into, length, into.length, (short) 0);
        return into;
    }

    private static InputStream open() throws IOException {
        InputStream in = Speech.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException(RESOURCE + " is not on the test class path (parley-common's test-jar)");
        }
        return in;
    }
}
