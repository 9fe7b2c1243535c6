package dev.parley.client.e2e.desktop;

import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.RootPaneContainer;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives a Swing app the way a person would, through its component tree: components are found by
 * name, and everything that touches them runs on the event thread.
 */
public final class Gui {

    private Gui() {
    }

    /** Runs {@code task} on the event thread and returns its result; its exceptions come back here. */
    public static <T> T onEdt(Callable<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(task.call());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return result.get();
    }

    public static void onEdt(Runnable task) {
        onEdt(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Presses a button that opens a modal dialog: later, so the test thread does not wait inside the
     * dialog's event loop. Wait for the dialog with {@link #showingDialog}.
     */
    public static void pressLater(AbstractButton button) {
        SwingUtilities.invokeLater(button::doClick);
    }

    /** Every component under {@code root}, {@code root} first. Event thread. */
    public static List<Component> all(Component root) {
        List<Component> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Component c, List<Component> out) {
        out.add(c);
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, out);
            }
        }
    }

    /** The component with that name and type under {@code root}. Event thread. */
    public static <T extends Component> Optional<T> find(Component root, String name, Class<T> type) {
        return all(root).stream().filter(c -> name.equals(c.getName()) && type.isInstance(c)).map(type::cast)
                .findFirst();
    }

    /** Like {@link #find}, failing with the name when there is none. Event thread. */
    public static <T extends Component> T named(Component root, String name, Class<T> type) {
        return find(root, name, type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()
                + " named " + name));
    }

    /** Components under {@code root} whose names start with {@code prefix}, showing ones only. Event thread. */
    public static List<Component> showingNamedLike(Component root, String prefix) {
        return all(root).stream().filter(c -> c.getName() != null && c.getName().startsWith(prefix) && c.isShowing())
                .toList();
    }

    /** A dialog of that name on screen, if any. Event thread. */
    public static Optional<JDialog> showingDialog(String name) {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing() && name.equals(d.getName())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Every dialog on screen, for messages when something unexpected popped up. Event thread. */
    public static List<String> showingDialogs() {
        List<String> titles = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing()) {
                titles.add(d.getName() + " \u201c" + d.getTitle() + "\u201d");
            }
        }
        return titles;
    }

    /**
     * Paints a window's content (its root pane; the title bar belongs to the window manager) into a
     * PNG. Event thread.
     */
    public static void screenshot(Window window, Path file) throws IOException {
        JComponent root = ((RootPaneContainer) window).getRootPane();
        BufferedImage image = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            root.paint(g);
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
