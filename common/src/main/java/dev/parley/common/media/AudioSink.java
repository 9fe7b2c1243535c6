package dev.parley.common.media;

/**
 * Where a call's mixed incoming audio goes: 20 ms frames of 48 kHz mono 16-bit PCM (960 samples).
 * Implementations: WAV file, discard, Java Sound speaker.
 */
public interface AudioSink extends AutoCloseable {

    /**
     * Plays or stores one 20 ms frame. A {@link #paced()} sink blocks while its device buffer is full.
     *
     * @throws java.io.IOException when the device or file fails
     */
    void write(short[] frame) throws java.io.IOException;

    /** True when {@link #write} blocks in real time (a device); false when the caller must pace it (a file). */
    boolean paced();

    /**
     * Milliseconds of sound written and not played yet: a frame written now is heard about this
     * long from now. The echo canceller needs it; 0 when the sink cannot tell (a file).
     */
    default int queuedMillis() {
        return 0;
    }

    @Override
    void close();
}
