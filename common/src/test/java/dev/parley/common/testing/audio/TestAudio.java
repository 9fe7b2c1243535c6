package dev.parley.common.testing.audio;

import dev.parley.common.media.Pcm;
import dev.parley.common.media.WavFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The speech clips shipped as test resources ({@code /audio/speech-a-48k.wav}, {@code -b-}), as whole
 * 48 kHz mono sample arrays padded to whole 20 ms frames, cached per JVM. Reusable from other modules
 * through the common test-jar.
 */
public final class TestAudio {
    public static final String SPEECH_A = "/audio/speech-a-48k.wav";
    public static final String SPEECH_B = "/audio/speech-b-48k.wav";
    private static final Map<String, short[]> CACHE = new ConcurrentHashMap<>();

    private TestAudio() {
    }

    /** About 15.7 s of speech with pauses. Returns a fresh copy. */
    public static short[] speechA() {
        return load(SPEECH_A);
    }

    /** About 12.9 s of a second voice. Returns a fresh copy. */
    public static short[] speechB() {
        return load(SPEECH_B);
    }

    /** A class-path WAV resource as 48 kHz mono samples (converted if needed), padded to whole frames. */
    public static short[] load(String resource) {
        return CACHE.computeIfAbsent(resource, TestAudio::read).clone();
    }

    /** Copies frame {@code index} (960 samples) of {@code pcm} into {@code frame}. */
    public static void frame(short[] pcm, int index, short[] frame) {
        System.arraycopy(pcm, index * Pcm.FRAME_SAMPLES, frame, 0, Pcm.FRAME_SAMPLES);
    }

    /** Whole frames in {@code pcm}. */
    public static int frames(short[] pcm) {
        return pcm.length / Pcm.FRAME_SAMPLES;
    }

    private static short[] read(String resource) {
        InputStream in = TestAudio.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try (WavFileSource source = new WavFileSource(in, resource)) {
            return source.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
