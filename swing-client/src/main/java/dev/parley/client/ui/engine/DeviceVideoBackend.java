package dev.parley.client.ui.engine;

import dev.parley.client.video.camera.Cameras;
import dev.parley.client.video.screen.Screen;
import dev.parley.client.video.screen.ScreenCaptureSource;
import dev.parley.client.video.screen.Screens;
import dev.parley.common.video.VideoSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The desktop's cameras (webcam-capture) and screens (every {@code GraphicsDevice}, captured with
 * {@code java.awt.Robot}). Every failure is an {@link IOException} whose message is a sentence for
 * the user: no camera, a busy one, the missing libv4l2 system library, no display.
 */
public final class DeviceVideoBackend implements VideoBackend {
    private final Cameras cameras;

    public DeviceVideoBackend() {
        this(new Cameras());
    }

    /** With the cameras of a given driver (the desktop end-to-end test's test camera). */
    public DeviceVideoBackend(Cameras cameras) {
        this.cameras = cameras;
    }

    /** The cameras' names; none when they cannot be listed (opening one then says why). */
    @Override
    public List<String> cameras() {
        try {
            return cameras.names();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public VideoSource openCamera(Optional<String> name) throws IOException {
        String chosen = name.isPresent() ? name.get()
                : cameras.names().stream().findFirst().orElseThrow(() -> new IOException(
                "No camera was found. Connect one, or check that no other program is using it."));
        return cameras.open(chosen);
    }

    /** The screens; none without a display (sharing one then says why). */
    @Override
    public List<ScreenChoice> screens() {
        List<ScreenChoice> out = new ArrayList<>();
        try {
            for (Screen s : Screens.list()) {
                out.add(new ScreenChoice(s.id(), s.label()));
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public VideoSource openScreen(String id) throws IOException {
        Screen screen = Screens.find(id).orElseThrow(() -> new IOException(
                "That screen is no longer connected. Choose another one."));
        return ScreenCaptureSource.open(screen);
    }
}
