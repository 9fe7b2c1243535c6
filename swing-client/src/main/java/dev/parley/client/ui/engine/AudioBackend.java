package dev.parley.client.ui.engine;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Microphones and speakers, as the UI needs them. Every method may block on the sound system: call
 * them off the event thread.
 */
public interface AudioBackend {

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
}
