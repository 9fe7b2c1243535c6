package dev.parley.client.ui.engine;

import dev.parley.common.video.VideoSource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Cameras and screens, as the UI needs them. Every method may block on the devices (listing
 * cameras alone can take over a second): call them off the event thread.
 */
public interface VideoBackend {

    /** Names of cameras, in the order the system lists them. */
    List<String> cameras();

    /**
     * Opens a camera by name, or the first one when {@code name} is empty.
     *
     * @throws IOException with a sentence for a person when there is no camera, it is busy, or a
     *                     system library it needs is missing
     */
    VideoSource openCamera(Optional<String> name) throws IOException;

    /** The screens that can be shared, in the system's order. */
    List<ScreenChoice> screens();

    /**
     * Opens a screen for sharing.
     *
     * @param id a {@link ScreenChoice#id()} from {@link #screens()}
     * @throws IOException with a sentence for a person when the screen cannot be captured
     */
    VideoSource openScreen(String id) throws IOException;
}
