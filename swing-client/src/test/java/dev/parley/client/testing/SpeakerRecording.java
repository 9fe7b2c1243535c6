package dev.parley.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * What the virtual speaker plays, recorded by {@code parecord} from its monitor as 48 kHz mono
 * 16-bit. The monitor delivers without pause (silence when nothing plays), so sample {@code n} of
 * the recording is about {@code n / 48000} s after the first one arrived.
 */
public final class SpeakerRecording {
    private static final int SAMPLE_RATE = 48_000;
    private static final long CATCH_UP_TIMEOUT_MILLIS = 10_000;

    private final Process parecord;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final Thread drain;
    private long firstNanos;
    private long stoppedNanos;

    SpeakerRecording(Process parecord) {
        this.parecord = parecord;
        this.drain = new Thread(this::drain, "speaker-recording");
        drain.setDaemon(true);
        drain.start();
    }

    /** Samples recorded so far: above zero once the recorder is connected. */
    public int samples() {
        synchronized (recorded) {
            return recorded.size() / 2;
        }
    }

    /**
     * Stops recording once the recording reaches the moment of this call, and returns it all.
     * Stopping at once could cut off the end: a recorder starved of CPU lags behind the speaker.
     */
    public short[] stop() throws InterruptedException {
        byte[] bytes;
        synchronized (recorded) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_TIMEOUT_MILLIS);
            if (firstNanos != 0) {
                long due = (System.nanoTime() - firstNanos) * SAMPLE_RATE / 1_000_000_000L;
                while (recorded.size() / 2 < due && parecord.isAlive()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    recorded.wait(left);
                }
            }
            stoppedNanos = System.nanoTime();
            parecord.destroy();
        }
        drain.join(5_000);
        synchronized (recorded) {
            bytes = recorded.toByteArray();
        }
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /**
     * Milliseconds from the first recorded sample's arrival to {@link #stop()}: a recording much
     * shorter than this lost sound on its way from the speaker.
     */
    public long wallMillis() {
        synchronized (recorded) {
            return firstNanos == 0 || stoppedNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(stoppedNanos - firstNanos);
        }
    }

    private void drain() {
        byte[] chunk = new byte[4096];
        try (InputStream in = parecord.getInputStream()) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                synchronized (recorded) {
                    if (firstNanos == 0) {
                        firstNanos = System.nanoTime();
                    }
                    recorded.write(chunk, 0, n);
                    recorded.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the recorder was stopped
        }
    }
}
