package dev.parley.client.ui.model;

import dev.parley.common.media.AudioProcessing;

import java.util.Optional;

/**
 * The toggles for what cleans up your microphone: echo cancellation, noise suppression, automatic
 * gain.
 *
 * @param settings    which are on
 * @param unavailable why none can run on this computer, a sentence to show; the toggles are then
 *                    disabled
 */
public record ProcessingControls(AudioProcessing settings, Optional<String> unavailable) {
    /** Before the call says what it runs. */
    public static final ProcessingControls NOT_YET = new ProcessingControls(AudioProcessing.NONE, Optional.empty());

    public boolean available() {
        return unavailable.isEmpty();
    }
}
