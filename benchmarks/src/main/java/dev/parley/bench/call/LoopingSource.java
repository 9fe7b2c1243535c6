package dev.parley.bench.call;

import dev.parley.common.media.AudioSource;
import dev.parley.common.media.WavFileSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** A WAV file held in memory and played in a loop from a chosen start; unpaced (the engine paces it). */
final class LoopingSource implements AudioSource {
    private final short[] samples;
    private int position;
    private volatile boolean closed;

    LoopingSource(short[] samples, int start) {
        this.samples = samples;
        this.position = Math.floorMod(start, samples.length);
    }

    /** The whole file as 48 kHz mono samples. */
    static short[] load(Path wav) throws IOException {
        short[] frame = new short[FRAME_SAMPLES];
        short[] all = new short[FRAME_SAMPLES * 64];
        int n = 0;
        try (WavFileSource in = WavFileSource.open(wav)) {
            while (in.read(frame)) {
                if (n + FRAME_SAMPLES > all.length) {
                    all = Arrays.copyOf(all, all.length * 2);
                }
                System.arraycopy(frame, 0, all, n, FRAME_SAMPLES);
                n += FRAME_SAMPLES;
            }
        }
        return Arrays.copyOf(all, n);
    }

    @Override
    public boolean read(short[] frame) {
        if (closed) {
            return false;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = samples[position];
            position = position + 1 == samples.length ? 0 : position + 1;
        }
        return true;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }
}
