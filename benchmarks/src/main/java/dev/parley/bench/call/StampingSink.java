package dev.parley.bench.call;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The "ear": an unpaced sink (so the engine writes it on its own 20 ms playout clock) that stamps
 * each frame with System.nanoTime when {@link #write} is called and records every burst onset it
 * hears as that stamp plus the onset's sample offset in the frame. Also keeps the spacing of
 * writes, which shows how regular the playout clock is on a loaded machine.
 */
final class StampingSink implements AudioSink {
    /** One onset as heard: the frame's write stamp and the sample's offset in it. */
    record Heard(long frameStamp, int offsetInFrame) {
        long earNanos() {
            return frameStamp + offsetInFrame * 1_000_000_000L / AudioSource.SAMPLE_RATE;
        }
    }

    private final BurstDetector detector = new BurstDetector();
    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final List<Long> writes = new CopyOnWriteArrayList<>();

    @Override
    public void write(short[] frame) {
        long stamp = System.nanoTime();
        writes.add(stamp);
        int j = detector.scan(frame);
        if (j >= 0) {
            heard.add(new Heard(stamp, j));
        }
    }

    List<Heard> heard() {
        return heard;
    }

    List<Long> writes() {
        return writes;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
    }
}
