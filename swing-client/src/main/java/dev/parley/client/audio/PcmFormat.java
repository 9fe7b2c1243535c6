package dev.parley.client.audio;

import dev.parley.common.media.AudioSource;
import java.time.Duration;
import javax.sound.sampled.AudioFormat;

/** The one PCM format the call engine speaks: 48 kHz, mono, signed 16-bit little-endian. */
final class PcmFormat {
    static final AudioFormat FORMAT = new AudioFormat(AudioSource.SAMPLE_RATE, 16, 1, true, false);
    static final int BYTES_PER_SAMPLE = 2;
    static final int FRAME_BYTES = AudioSource.FRAME_SAMPLES * BYTES_PER_SAMPLE;

    private PcmFormat() {
    }

    /** Bytes holding {@code duration} of audio, rounded to whole samples; at least one sample. */
    static int bytesFor(Duration duration) {
        long samples = Math.max(1, duration.toNanos() * AudioSource.SAMPLE_RATE / 1_000_000_000L);
        return Math.toIntExact(samples * BYTES_PER_SAMPLE);
    }

    static Duration durationOf(int bytes) {
        return Duration.ofNanos(bytes / BYTES_PER_SAMPLE * 1_000_000_000L / AudioSource.SAMPLE_RATE);
    }

    static void requireFrame(short[] frame) {
        if (frame.length != AudioSource.FRAME_SAMPLES) {
            throw new IllegalArgumentException(
                    "a frame holds " + AudioSource.FRAME_SAMPLES + " samples, not " + frame.length);
        }
    }
}
