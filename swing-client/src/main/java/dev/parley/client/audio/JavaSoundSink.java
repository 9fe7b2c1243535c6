package dev.parley.client.audio;

import dev.parley.common.media.AudioSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.time.Duration;
import javax.sound.sampled.SourceDataLine;

/**
 * A speaker as the call's {@link AudioSink}: writes 20 ms frames to a Java Sound
 * {@link SourceDataLine}, blocking while its buffer is full.
 *
 * <p>The line opens with an explicit buffer ({@link #DEFAULT_BUFFER}) and starts playing only
 * once {@link #DEFAULT_PRIME} of audio is queued, so a frame that arrives a little late does not
 * run the device dry. When frames stop coming for longer than the queue lasts (an underrun), the
 * speaker plays silence, and the sink primes again before playing on; {@link #underruns()} counts
 * these. Writing is meant for one thread; {@link #close} may come from any thread.
 */
public final class JavaSoundSink implements AudioSink {
    /** Four frames. */
    public static final Duration DEFAULT_BUFFER = Duration.ofMillis(80);
    /** Two frames queued before the speaker starts. */
    public static final Duration DEFAULT_PRIME = Duration.ofMillis(40);

    private static final long REPRIME_INTERVAL_NANOS = 1_000_000_000L;
    private static final int DRY_SAMPLES = PcmFormat.bytesFor(Duration.ofMillis(1)) / PcmFormat.BYTES_PER_SAMPLE;

    private final SourceDataLine line;
    private final int primeSamples;
    private final byte[] bytes = new byte[PcmFormat.FRAME_BYTES];
    private final ShortBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    private long writtenSamples;
    private long primedSamples;
    private long lastReprimeNanos = System.nanoTime() - REPRIME_INTERVAL_NANOS;
    private boolean playing;
    private long underruns;
    private volatile boolean closed;

    private JavaSoundSink(SourceDataLine line, int primeBytes) {
        this.line = line;
        this.primeSamples = primeBytes / PcmFormat.BYTES_PER_SAMPLE;
    }

    /** Opens {@code device} with a {@link #DEFAULT_BUFFER}, primed with {@link #DEFAULT_PRIME}. */
    public static JavaSoundSink open(AudioDevice device) throws AudioDeviceException {
        return open(device, DEFAULT_BUFFER, DEFAULT_PRIME);
    }

    /**
     * Opens {@code device} with a playback buffer of about {@code buffer} (the device may round it)
     * that starts playing once {@code prime} of audio is queued.
     *
     * @param prime at most {@code buffer} minus one frame, so that a full queue can still start
     * @throws AudioDeviceException when the device cannot be opened, in words for the user
     */
    public static JavaSoundSink open(AudioDevice device, Duration buffer, Duration prime)
            throws AudioDeviceException {
        int bufferBytes = PcmFormat.bytesFor(buffer);
        if (prime.isNegative() || PcmFormat.bytesFor(prime) > bufferBytes - PcmFormat.FRAME_BYTES) {
            throw new IllegalArgumentException("prime " + prime.toMillis() + " ms must leave room for one 20 ms frame in a "
                    + buffer.toMillis() + " ms buffer");
        }
        SourceDataLine line = LineOpener.openPlayback(device, bufferBytes);
        // The device may grant less than asked; a prime it cannot hold would never start playing.
        int primeBytes = Math.min(PcmFormat.bytesFor(prime), line.getBufferSize() - PcmFormat.FRAME_BYTES);
        return new JavaSoundSink(line, Math.max(0, primeBytes));
    }

    /** The playback buffer the device granted. */
    public Duration buffer() {
        return PcmFormat.durationOf(line.getBufferSize());
    }

    /** How often the speaker ran dry because frames came too late and the sink primed again (at most once a second). */
    public long underruns() {
        return underruns;
    }

    /**
     * Queues one frame, blocking while the buffer is full.
     *
     * @throws IOException when the sink is closed or the device fails
     */
    @Override
    public void write(short[] frame) throws IOException {
        PcmFormat.requireFrame(frame);
        if (playing && ranDry() && System.nanoTime() - lastReprimeNanos > REPRIME_INTERVAL_NANOS) {
            // Ran dry: pause so that the next frames queue up again instead of playing hand to mouth.
            // At most once a second: after an underrun ALSA's PulseAudio plugin may report nonsense
            // (more room than the buffer has, a position past what was written) for a while, and
            // pausing on every such report would stutter; flushing to reset it made that worse.
            underruns++;
            lastReprimeNanos = System.nanoTime();
            line.stop();
            playing = false;
            primedSamples = 0;
        }
        samples.put(0, frame);
        // Until playing, the queue holds less than the prime, so the frame fits.
        int written = 0;
        while (written < bytes.length) {
            int n = line.write(bytes, written, bytes.length - written);
            if (closed || !line.isOpen()) {
                throw new IOException("The speaker was closed.");
            }
            if (n == 0) {
                // a stopped line writes what fits and returns, a started one blocks: 0 means a full queue
                // that is not playing, or a device error
                if (playing) {
                    throw new IOException("The speaker stopped taking sound.");
                }
                startPlaying();
            }
            written += n;
        }
        writtenSamples += frame.length;
        if (!playing) {
            primedSamples += frame.length;
            if (primedSamples >= primeSamples) {
                startPlaying();
            }
        }
    }

    private void startPlaying() {
        line.start();
        playing = true;
    }

    /**
     * Java Sound on ALSA gives each of its two signs wrong at times: available() says 0 in the very
     * call that notices an underrun (then the whole buffer, or more), and the frame position can stay
     * behind once the device has run dry, or run ahead of what was written. Either sign will do.
     */
    private boolean ranDry() {
        return line.available() >= line.getBufferSize() - DRY_SAMPLES * PcmFormat.BYTES_PER_SAMPLE
                || queuedSamples() < DRY_SAMPLES;
    }

    private long queuedSamples() {
        return writtenSamples - line.getLongFramePosition();
    }

    @Override
    public boolean paced() {
        return true;
    }

    /**
     * What the line holds and has not played, from its free space (the frame position can stay
     * behind after an underrun). PulseAudio's own latency behind the line is
     * not counted: the echo canceller finds the rest of the delay itself.
     */
    @Override
    public int queuedMillis() {
        int queuedBytes = line.getBufferSize() - line.available();
        return (int) PcmFormat.durationOf(Math.max(0, Math.min(line.getBufferSize(), queuedBytes))).toMillis();
    }

    @Override
    public void close() {
        closed = true;
        line.stop();
        line.flush();
        line.close();
    }
}
