package dev.parley.client.audio;

import dev.parley.common.media.AudioSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.time.Duration;
import javax.sound.sampled.TargetDataLine;

/**
 * A microphone as the call's {@link AudioSource}: reads 20 ms frames from a Java Sound
 * {@link TargetDataLine}, blocking in real time.
 *
 * <p>The line opens with an explicit buffer ({@link #DEFAULT_BUFFER} unless told otherwise). Audio
 * the caller has not read yet may wait for at most {@link #DEFAULT_MAX_DELAY}: a caller that falls
 * further behind (a stall, a starved CPU) loses the oldest frames, counted by {@link #dropped()},
 * instead of hearing everything late for the rest of the call. That takes a clock, because with
 * ALSA's PulseAudio plugin unread audio piles up in the server, beyond the line's buffer and out
 * of Java Sound's sight.
 *
 * <p>Capture starts on the first {@link #read}, so nothing stale piles up between opening and the
 * call starting. Reading is meant for one thread; {@link #close} may come from any thread and ends
 * a blocked read.
 */
public final class JavaSoundSource implements AudioSource {
    /** Two frames: clean under load on the machines measured; one frame underran. */
    public static final Duration DEFAULT_BUFFER = Duration.ofMillis(40);
    /**
     * Five frames. A busy machine stalls a reader for tens of milliseconds now and then; much more
     * and the call is better off skipping than lagging.
     */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(100);

    private final TargetDataLine line;
    private final byte[] bytes = new byte[PcmFormat.FRAME_BYTES];
    private final ShortBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    private final long maxBacklogSamples;
    private CaptureBacklog backlog;
    private long dropped;
    private volatile boolean closed;

    private JavaSoundSource(TargetDataLine line, Duration maxDelay) {
        this.line = line;
        // less than the buffer and a frame would drop audio in normal running
        long floor = line.getBufferSize() / PcmFormat.BYTES_PER_SAMPLE + FRAME_SAMPLES;
        long asked = maxDelay.toNanos() / 1_000_000 * SAMPLE_RATE / 1000;
        this.maxBacklogSamples = Math.max(floor, asked);
    }

    /** Opens {@code device} with a {@link #DEFAULT_BUFFER} and a {@link #DEFAULT_MAX_DELAY}. */
    public static JavaSoundSource open(AudioDevice device) throws AudioDeviceException {
        return open(device, DEFAULT_BUFFER, DEFAULT_MAX_DELAY);
    }

    /**
     * Opens {@code device} for a call: the engine reads it on a thread of its own that keeps pace
     * with the device, so every sample is kept. Dropping by the wall clock ({@link #DEFAULT_MAX_DELAY})
     * misjudged the device's pace there and cut the speech it sent (correlation 0.79 against 0.95
     * without it, microphone to a peer, in {@code JavaSoundCallTest}).
     */
    public static JavaSoundSource openForCall(AudioDevice device) throws AudioDeviceException {
        return open(device, DEFAULT_BUFFER, Duration.ofDays(1));
    }

    /**
     * Opens {@code device} with a capture buffer of about {@code buffer} (the device may round it),
     * dropping audio that waits longer than {@code maxDelay} (at least the buffer and a frame).
     * A {@code maxDelay} of days keeps every sample, however late.
     *
     * @throws AudioDeviceException when the device cannot be opened, in words for the user
     */
    public static JavaSoundSource open(AudioDevice device, Duration buffer, Duration maxDelay)
            throws AudioDeviceException {
        return new JavaSoundSource(LineOpener.openCapture(device, PcmFormat.bytesFor(buffer)), maxDelay);
    }

    /** The capture buffer the device granted. */
    public Duration buffer() {
        return PcmFormat.durationOf(line.getBufferSize());
    }

    /** Frames dropped because the reader fell behind; see the class description. */
    public long dropped() {
        return dropped;
    }

    /**
     * Blocks until the next 20 ms have been captured.
     *
     * @return false once this source is closed
     */
    @Override
    public boolean read(short[] frame) throws IOException {
        PcmFormat.requireFrame(frame);
        if (closed) {
            return false;
        }
        if (backlog == null) {
            line.start();
            backlog = new CaptureBacklog(System.nanoTime());
        }
        if (!fill()) {
            return false;
        }
        long behind = backlog.take(FRAME_SAMPLES, System.nanoTime());
        if (behind > maxBacklogSamples) {
            // Fell behind, by a stall of the caller: drop the oldest audio rather than keep the delay.
            while (behind > FRAME_SAMPLES) {
                dropped++;
                if (!fill()) {
                    return false;
                }
                behind = backlog.take(FRAME_SAMPLES, System.nanoTime());
            }
        }
        samples.get(0, frame);
        return true;
    }

    /** Reads one frame's bytes; false once closed. */
    private boolean fill() throws IOException {
        int filled = 0;
        while (filled < bytes.length) {
            int n = line.read(bytes, filled, bytes.length - filled);
            if (closed || !line.isOpen()) {
                return false;
            }
            if (n <= 0) {
                throw new IOException("The microphone stopped delivering sound.");
            }
            filled += n;
        }
        return true;
    }

    @Override
    public boolean paced() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
        line.stop();
        line.close();
    }
}
