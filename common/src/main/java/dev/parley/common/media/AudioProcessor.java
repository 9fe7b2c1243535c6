package dev.parley.common.media;

/**
 * Cleans up a live microphone's sound in place: echo cancellation, noise suppression, automatic
 * gain (see {@link AudioProcessing}). A port: the implementation (WebRTC's audio processing module)
 * lives with the native libraries in the desktop client; {@link #NONE} leaves the sound untouched.
 *
 * <p>To cancel echo the processor must hear what the speaker plays: the call engine hands it every
 * mixed frame it writes to a speaker ({@link #farEnd}) and every frame the microphone captured
 * ({@link #nearEnd}), each on its own media thread. Implementations are thread-safe; every method
 * may be called from any thread, and calls after {@link #close} do nothing. They never throw: a
 * processor that fails lets the sound through unchanged.
 */
public interface AudioProcessor extends AutoCloseable {

    /** Leaves the sound as it is. */
    AudioProcessor NONE = new AudioProcessor() {
        @Override
        public void farEnd(short[] frame, int delayMillis) {
        }

        @Override
        public void nearEnd(short[] frame) {
        }

        @Override
        public void configure(AudioProcessing settings) {
        }

        @Override
        public AudioProcessing settings() {
            return AudioProcessing.NONE;
        }

        @Override
        public AudioProcessorStats stats() {
            return AudioProcessorStats.NONE;
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "AudioProcessor.NONE";
        }
    };

    /**
     * One 20 ms frame ({@value Pcm#FRAME_SAMPLES} samples) of what the speaker is about to play,
     * the mix of everyone else, as it is written to the device.
     *
     * @param delayMillis how long until the speaker plays it (the device's queue ahead of it)
     */
    void farEnd(short[] frame, int delayMillis);

    /** Cleans one 20 ms frame the microphone captured, in place. */
    void nearEnd(short[] frame);

    /** Switches clean-ups on or off from the next frame on. */
    void configure(AudioProcessing settings);

    /** The clean-ups running now. */
    AudioProcessing settings();

    /** How well the clean-ups are doing. */
    AudioProcessorStats stats();

    /** Releases the processor; the call engine does this when the call ends. */
    @Override
    void close();
}
