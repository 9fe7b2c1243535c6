package dev.parley.common.media;

/**
 * Where a call's outgoing audio comes from: 20 ms frames of 48 kHz mono 16-bit PCM (960 samples).
 * Implementations: WAV file, tone, silence, Java Sound microphone.
 */
public interface AudioSource extends AutoCloseable {
    int SAMPLE_RATE = 48_000;
    int FRAME_SAMPLES = 960;

    /**
     * Fills {@code frame} (length {@value #FRAME_SAMPLES}) with the next 20 ms. A {@link #paced()}
     * source blocks until the frame has been captured.
     *
     * @return false at the end of the stream (a file that ended); the frame is then untouched
     * @throws java.io.IOException when the device or file fails
     */
    boolean read(short[] frame) throws java.io.IOException;

    /** True when {@link #read} blocks in real time (a device); false when the caller must pace it (a file). */
    boolean paced();

    @Override
    void close();
}
