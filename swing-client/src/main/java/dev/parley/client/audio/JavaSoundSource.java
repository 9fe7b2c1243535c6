package dev.parley.client.audio;

import dev.parley.common.call.AudioSource;
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
 * <p>The line opens with an explicit buffer ({@link #DEFAULT_BUFFER} unless told otherwise): the
 * buffer bounds how much audio can queue up in front of the caller. Capture starts on the first
 * {@link #read}, so nothing stale piles up between opening and the call starting. Reading is meant
 * for one thread; {@link #close} may come from any thread and ends a blocked read.
 */
public final class JavaSoundSource implements AudioSource {
    /** Two frames: clean under load on the machines measured; one frame underran. */
    public static final Duration DEFAULT_BUFFER = Duration.ofMillis(40);

    private final TargetDataLine line;
    private final byte[] bytes = new byte[PcmFormat.FRAME_BYTES];
    private final ShortBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    private boolean started;
    private volatile boolean closed;

    private JavaSoundSource(TargetDataLine line) {
        this.line = line;
    }

    /** Opens {@code device} with a {@link #DEFAULT_BUFFER}. */
    public static JavaSoundSource open(AudioDevice device) throws AudioDeviceException {
        return open(device, DEFAULT_BUFFER);
    }

    /**
     * Opens {@code device} with a capture buffer of about {@code buffer}; the device may round it.
     *
     * @throws AudioDeviceException when the device cannot be opened, in words for the user
     */
    public static JavaSoundSource open(AudioDevice device, Duration buffer) throws AudioDeviceException {
        return new JavaSoundSource(LineOpener.openCapture(device, PcmFormat.bytesFor(buffer)));
    }

    /** The capture buffer the device granted. */
    public Duration buffer() {
        return PcmFormat.durationOf(line.getBufferSize());
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
        if (!started) {
            line.start();
            started = true;
        }
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
        samples.get(0, frame);
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
