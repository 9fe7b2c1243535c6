package dev.parley.client.ui.engine;

import dev.parley.common.video.VideoSource;

import java.awt.DisplayMode;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The desktop's cameras and screens. Until the camera and screen capture adapters are wired in,
 * it lists the screens (every {@link GraphicsDevice}) but lists no camera, and every open says in a
 * sentence that video devices are not available yet.
 */
public final class DeviceVideoBackend implements VideoBackend {
    static final String NOT_YET = "Video devices are not available in this build yet.";

    @Override
    public List<String> cameras() {
        return List.of();
    }

    @Override
    public VideoSource openCamera(Optional<String> name) throws IOException {
        throw new IOException(NOT_YET);
    }

    @Override
    public List<ScreenChoice> screens() {
        GraphicsDevice[] devices;
        try {
            devices = GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
        } catch (HeadlessException e) {
            return List.of();
        }
        List<ScreenChoice> out = new ArrayList<>(devices.length);
        for (int i = 0; i < devices.length; i++) {
            out.add(new ScreenChoice(devices[i].getIDstring(), label(i + 1, devices[i].getDisplayMode())));
        }
        return out;
    }

    @Override
    public VideoSource openScreen(String id) throws IOException {
        throw new IOException(NOT_YET);
    }

    /** "Screen 2 (2560 × 1440)": the number people see in their display settings, and its size. */
    static String label(int number, DisplayMode mode) {
        return "Screen " + number + (mode == null ? "" : " (" + mode.getWidth() + " \u00d7 " + mode.getHeight() + ")");
    }
}
