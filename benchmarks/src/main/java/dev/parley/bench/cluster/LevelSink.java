package dev.parley.bench.cluster;

import dev.parley.common.media.AudioSink;

import java.util.ArrayList;
import java.util.List;

/**
 * The listener's ear: an unpaced sink (the engine writes it on its 20 ms playout clock) that keeps,
 * for every frame, when it was written and its peak magnitude, so a benchmark can find when the
 * talker's tone stopped and came back.
 */
final class LevelSink implements AudioSink {
    /** A frame as written: its {@link System#nanoTime()} and its largest sample magnitude. */
    record Frame(long atNanos, int peak) {
    }

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public void write(short[] frame) {
        long now = System.nanoTime();
        int peak = 0;
        for (short s : frame) {
            peak = Math.max(peak, Math.abs(s));
        }
        synchronized (frames) {
            frames.add(new Frame(now, peak));
        }
    }

    /** A copy of every frame written so far. */
    List<Frame> frames() {
        synchronized (frames) {
            return new ArrayList<>(frames);
        }
    }

    /** Whether the last {@code n} frames were all at least {@code threshold}. */
    boolean lastAllLoud(int n, int threshold) {
        synchronized (frames) {
            if (frames.size() < n) {
                return false;
            }
            return frames.subList(frames.size() - n, frames.size()).stream().allMatch(f -> f.peak() >= threshold);
        }
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
    }
}
