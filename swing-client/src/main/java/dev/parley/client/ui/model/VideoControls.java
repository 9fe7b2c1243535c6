package dev.parley.client.ui.model;

import java.util.Optional;

/**
 * What the camera and screen-share controls show.
 *
 * @param available whether this call can send video at all (this build has codecs)
 * @param camera    our camera
 * @param screen    our screen share
 * @param notice    the latest video problem, a sentence, until dismissed or replaced
 */
public record VideoControls(boolean available, OwnVideoState camera, OwnVideoState screen, Optional<String> notice) {

    /** Shown when the user asks for video in a call without video codecs. */
    public static final String NOT_AVAILABLE = "Video is not available in this build.";

    public boolean sharing() {
        return screen == OwnVideoState.ON;
    }
}
