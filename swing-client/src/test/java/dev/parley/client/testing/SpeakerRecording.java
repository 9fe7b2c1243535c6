package dev.parley.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** What the virtual speaker plays, recorded by {@code parecord} from its monitor as 48 kHz mono 16-bit. */
public final class SpeakerRecording {
    private final Process parecord;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final Thread drain;

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

    /** Stops recording and returns everything recorded. */
    public short[] stop() throws InterruptedException {
        parecord.destroy();
        drain.join(5_000);
        byte[] bytes;
        synchronized (recorded) {
            bytes = recorded.toByteArray();
        }
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private void drain() {
        byte[] chunk = new byte[4096];
        try (InputStream in = parecord.getInputStream()) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                synchronized (recorded) {
                    recorded.write(chunk, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the recorder was stopped
        }
    }
}
