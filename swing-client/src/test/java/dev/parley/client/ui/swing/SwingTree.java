package dev.parley.client.ui.swing;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.RootPaneContainer;
import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds components by name in a Swing tree and saves screenshots. */
final class SwingTree {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private SwingTree() {
    }

    static List<Component> all(Component root) {
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

    static <T extends Component> T named(Component root, String name, Class<T> type) {
        return find(root, name, type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()
                + " named " + name));
    }

    static <T extends Component> Optional<T> find(Component root, String name, Class<T> type) {
        return all(root).stream().filter(c -> name.equals(c.getName()) && type.isInstance(c))
                .map(type::cast).findFirst();
    }

    static Optional<JDialog> showingDialog(String name) {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing() && name.equals(d.getName())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Paints a window's content (no native decorations) into a PNG; returns the file. */
    static Path screenshot(Window window, String fileName) throws IOException {
        JComponent root = ((RootPaneContainer) window).getRootPane();
        BufferedImage image = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            root.paint(g);
        } finally {
            g.dispose();
        }
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(fileName);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
