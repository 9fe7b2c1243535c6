package dev.parley.client.ui.engine;

import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Microphones and speakers, as the UI needs them, and what cleans up a microphone's sound (echo,
 * noise, gain). Every method may block on the sound system or load native code: call them off the
 * event thread.
 */
public interface AudioBackend {
    /** What a backend without audio processing says. */
    String NO_PROCESSING = "Echo cancellation, noise suppression and automatic gain are not available here;"
            + " your microphone is sent as it is.";

    /** Names of capture devices, in the order the system lists them. */
    List<String> microphones();

    /** Names of playback devices, in the order the system lists them. */
    List<String> speakers();

    /**
     * Opens a microphone by name, or the system default when {@code name} is empty.
     *
     * @throws IOException with a sentence for a person when the device is missing or busy
     */
    AudioSource openMicrophone(Optional<String> name) throws IOException;

    /** Opens a speaker by name, or the system default when {@code name} is empty. */
    AudioSink openSpeaker(Optional<String> name) throws IOException;

    /** Why a microphone cannot be cleaned up here, a sentence for the user; empty when it can. */
    default Optional<String> processingUnavailable() {
        return Optional.of(NO_PROCESSING);
    }

    /**
     * What cleans up the microphone of one call, running {@code settings} (switchable later);
     * {@link AudioProcessor#NONE} where {@link #processingUnavailable()} says why.
     */
    default AudioProcessor openProcessor(AudioProcessing settings) {
        return AudioProcessor.NONE;
    }
}
