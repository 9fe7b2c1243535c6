package dev.parley.bench.call;

import dev.parley.common.media.AudioSource;
import dev.parley.common.media.WavFileSource;

import java.io.IOException;
import java.nio.file.Path;

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
        try (WavFileSource in = WavFileSource.open(wav)) {
            return in.readAll();
        }
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
