package dev.parley.client.ui.swing;

import java.awt.Component;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest picture of one video stream, for the views that show it. The call's video thread swaps
 * pictures in; the event thread paints whichever is latest. However many pictures arrive while the
 * event thread is busy, at most one repaint waits on its queue, and nobody holds a lock.
 */
final class VideoFeed {
    private final AtomicReference<BufferedImage> latest = new AtomicReference<>();
    private final AtomicBoolean repaintQueued = new AtomicBoolean();
    private final List<Component> viewers = new CopyOnWriteArrayList<>();
    private final Executor ui;

    /** @param ui the event thread ({@code SwingUtilities::invokeLater}) */
    VideoFeed(Executor ui) {
        this.ui = ui;
    }

    /** A new picture; any thread. Returns true when the feed had none before (the stream just began). */
    boolean show(BufferedImage image) {
        boolean first = latest.getAndSet(image) == null;
        repaintSoon();
        return first;
    }

    /** No picture any more (the stream ended); any thread. Returns true when there was one. */
    boolean clear() {
        boolean had = latest.getAndSet(null) != null;
        if (had) {
            repaintSoon();
        }
        return had;
    }

    /** The picture to paint now, or null. */
    BufferedImage latest() {
        return latest.get();
    }

    /** {@code viewer} is repainted with each new picture while it is added. */
    void addViewer(Component viewer) {
        if (!viewers.contains(viewer)) {
            viewers.add(viewer);
        }
    }

    void removeViewer(Component viewer) {
        viewers.remove(viewer);
    }

    private void repaintSoon() {
        if (repaintQueued.compareAndSet(false, true)) {
            try {
                ui.execute(this::repaintViewers);
            } catch (RejectedExecutionException e) {
                repaintQueued.set(false);
            }
        }
    }

    private void repaintViewers() {
        // Cleared first: a picture arriving during the repaint queues the next one.
        repaintQueued.set(false);
        for (Component viewer : viewers) {
            viewer.repaint();
        }
    }
}
