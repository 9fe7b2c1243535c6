package dev.parley.client.video.screen;

import java.awt.AWTError;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The screens of this desktop that can be shared. Every call asks the windowing system again, so
 * a screen plugged in later shows up and one unplugged disappears.
 */
public final class Screens {
    static final String NO_DISPLAY = "Screen sharing needs a desktop: Parley is running without a display.";
    static final String UNREACHABLE_DISPLAY = "Screen sharing cannot reach the display; is the desktop session still running?";

    private Screens() {
    }

    /**
     * Every screen, in the order the system lists them (the first is usually the main one).
     *
     * @throws IOException when there is no display at all; the message says so in a sentence
     */
    public static List<Screen> list() throws IOException {
        List<Screen> screens = new ArrayList<>();
        GraphicsDevice[] devices = devices();
        for (int i = 0; i < devices.length; i++) {
            screens.add(describe(devices[i], i + 1));
        }
        return List.copyOf(screens);
    }

    /** The screen with {@code id}, if it is still there. */
    public static Optional<Screen> find(String id) throws IOException {
        return list().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The device behind {@code screen}, if it is still connected. */
    static Optional<GraphicsDevice> device(Screen screen) throws IOException {
        for (GraphicsDevice device : devices()) {
            if (device.getIDstring().equals(screen.id())) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    static Screen describe(GraphicsDevice device, int number) {
        Rectangle b = device.getDefaultConfiguration().getBounds();
        return new Screen(device.getIDstring(), number, b.x, b.y, b.width, b.height);
    }

    private static GraphicsDevice[] devices() throws IOException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IOException(NO_DISPLAY);
        }
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
        } catch (HeadlessException e) {
            throw new IOException(NO_DISPLAY, e);
        } catch (AWTError e) {
            // DISPLAY names a display that cannot be opened
            throw new IOException(UNREACHABLE_DISPLAY, e);
        }
    }
}
