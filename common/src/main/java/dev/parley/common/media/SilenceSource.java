package dev.parley.common.media;

import dev.parley.common.media.AudioSource;

import java.util.Arrays;

/** Digital silence, endless or for a given number of frames; not paced. */
public final class SilenceSource implements AudioSource {
    private final long frames;
    private long produced;

    public SilenceSource() {
        this(Long.MAX_VALUE);
    }

    public SilenceSource(long frames) {
        this.frames = frames;
    }

    @Override
    public boolean read(short[] frame) {
        Pcm.requireFrame(frame);
        if (produced >= frames) {
            return false;
        }
        Arrays.fill(frame, (short) 0);
        produced++;
        return true;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
    }
}
