package dev.parley.client.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Keeps the sound of a failed comparison as WAV files in {@code target/failed-audio}, to listen to. */
public final class Evidence {
    private Evidence() {
    }

    /** Writes {@code reference} and {@code recording} and returns where, for the failure message. */
    public static String keep(String name, short[] reference, short[] recording) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "failed-audio"));
            write(dir.resolve(name + "-reference.wav"), reference);
            write(dir.resolve(name + "-recording.wav"), recording);
            return "reference and recording kept in " + dir.toAbsolutePath();
        } catch (IOException e) {
            return "could not keep the recording: " + e.getMessage();
        }
    }

    private static void write(Path file, short[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), PcmFormat.FORMAT,
                samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
