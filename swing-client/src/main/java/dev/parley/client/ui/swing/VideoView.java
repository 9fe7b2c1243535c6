package dev.parley.client.ui.swing;

import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * One stream's picture: the feed's latest image scaled to fit with its aspect kept (bars fill the
 * rest), mirrored for a self view; without a picture, the person's initials, or a neutral figure
 * when the name is unknown. Painting only reads the latest image; it never waits for the video thread.
 */
final class VideoView extends JComponent {
    /** The area around and behind a picture, in both themes: video looks best on near-black. */
    static final Color BACKGROUND = new Color(0x1c1d20);
    private static final Color[] INITIALS_COLOURS = {
        new Color(0x3d6fb6), new Color(0x7a4fb0), new Color(0x2e8a6e), new Color(0xb0593d),
        new Color(0x8a7a2e), new Color(0x3d8fb0), new Color(0xa64477), new Color(0x5c6b7a),
    };
    private static final Color PLACEHOLDER = new Color(0x5c5f66);

    private final Dimension preferred;
    private final boolean heightFollowsWidth;
    private VideoFeed feed;
    private boolean showVideo;
    private boolean mirrored;
    private Optional<String> initials = Optional.empty();

    /** A view that takes whatever size its layout gives it, preferring this one (before the UI scale). */
    VideoView(int unscaledWidth, int unscaledHeight) {
        this(unscaledWidth, unscaledHeight, false);
    }

    /**
     * @param heightFollowsWidth keep the preferred size's aspect at any width (a tile that grows
     *                           wider grows taller, instead of showing bars beside its picture)
     */
    VideoView(int unscaledWidth, int unscaledHeight, boolean heightFollowsWidth) {
        this.preferred = new Dimension(unscaledWidth, unscaledHeight);
        this.heightFollowsWidth = heightFollowsWidth;
        setOpaque(true);
        getAccessibleContext().setAccessibleName("Video");
    }

    /**
     * What to show. Event thread.
     *
     * @param source   the stream to paint, null for none
     * @param video    whether the stream is live: otherwise the initials, whatever the feed holds
     * @param mirror   flip left and right (your own camera, as in a mirror)
     * @param letters  initials without a picture; empty draws a neutral figure
     */
    void show(VideoFeed source, boolean video, boolean mirror, Optional<String> letters) {
        if (source != feed) {
            if (feed != null) {
                feed.removeViewer(this);
            }
            feed = source;
            if (feed != null && isDisplayable()) {
                feed.addViewer(this);
            }
        }
        boolean changed = video != showVideo || mirror != mirrored || !letters.equals(initials);
        showVideo = video;
        mirrored = mirror;
        initials = letters;
        if (changed) {
            getAccessibleContext().setAccessibleDescription(video ? "Camera on" : "No video");
            repaint();
        }
    }

    @Override
    public void addNotify() {
        super.addNotify();
        if (feed != null) {
            feed.addViewer(this);
        }
    }

    @Override
    public void removeNotify() {
        if (feed != null) {
            feed.removeViewer(this);
        }
        super.removeNotify();
    }

    @Override
    public Dimension getPreferredSize() {
        if (isPreferredSizeSet()) {
            return super.getPreferredSize();
        }
        int w = Ui.px(preferred.width);
        if (heightFollowsWidth && getWidth() > 0) {
            return new Dimension(w, getWidth() * preferred.height / preferred.width);
        }
        return new Dimension(w, Ui.px(preferred.height));
    }

    @Override
    public void setBounds(int x, int y, int width, int height) {
        boolean widthChanged = width != getWidth();
        super.setBounds(x, y, width, height);
        if (heightFollowsWidth && widthChanged && getPreferredSize().height != height) {
            // The height depends on the width just given: lay out once more with the right height.
            javax.swing.SwingUtilities.invokeLater(this::revalidate);
        }
    }

    /**
     * A view that keeps its aspect also keeps its height when a layout falls back to minimum sizes
     * (GridBagLayout does as soon as anything in its row is too wide), instead of collapsing.
     */
    @Override
    public Dimension getMinimumSize() {
        if (isMinimumSizeSet()) {
            return super.getMinimumSize();
        }
        return new Dimension(Ui.px(64), heightFollowsWidth ? getPreferredSize().height : Ui.px(36));
    }

    /** Whether a picture is painted now (rather than initials). */
    boolean showingPicture() {
        return showVideo && feed != null && feed.latest() != null;
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            int w = getWidth();
            int h = getHeight();
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // Corners in the colour behind the view, so the rounded picture blends into its tile.
            if (getParent() != null) {
                g2.setColor(getParent().getBackground());
                g2.fillRect(0, 0, w, h);
            }
            float arc = Ui.px(10);
            RoundRectangle2D shape = new RoundRectangle2D.Float(0, 0, w, h, arc, arc);
            g2.setColor(BACKGROUND);
            g2.fill(shape);
            BufferedImage image = showVideo && feed != null ? feed.latest() : null;
            if (image != null) {
                g2.clip(shape);
                drawFitted(g2, image, w, h);
            } else {
                drawInitials(g2, w, h);
            }
        } finally {
            g2.dispose();
        }
    }

    private void drawFitted(Graphics2D g2, BufferedImage image, int w, int h) {
        double scale = Math.min(w / (double) image.getWidth(), h / (double) image.getHeight());
        int dw = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int dh = Math.max(1, (int) Math.round(image.getHeight() * scale));
        // A picture of nearly the view's aspect fills it: a bar of a pixel or two is rounding, not letterboxing.
        if (w - dw <= 2) {
            dw = w;
        }
        if (h - dh <= 2) {
            dh = h;
        }
        int x = (w - dw) / 2;
        int y = (h - dh) / 2;
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
        if (mirrored) {
            g2.drawImage(image, x + dw, y, x, y + dh, 0, 0, image.getWidth(), image.getHeight(), null);
        } else {
            g2.drawImage(image, x, y, dw, dh, null);
        }
    }

    private void drawInitials(Graphics2D g2, int w, int h) {
        int d = Math.max(8, Math.min(Math.min(w, h) * 3 / 5, Ui.px(160)));
        float cx = w / 2f;
        float cy = h / 2f;
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (initials.isPresent()) {
            String letters = initials.get();
            g2.setColor(INITIALS_COLOURS[Math.floorMod(letters.hashCode(), INITIALS_COLOURS.length)]);
            g2.fill(new Ellipse2D.Float(cx - d / 2f, cy - d / 2f, d, d));
            Font font = getFont() != null ? getFont() : new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g2.setFont(font.deriveFont(Font.BOLD, d * (letters.codePointCount(0, letters.length()) > 1 ? 0.38f : 0.46f)));
            FontMetrics fm = g2.getFontMetrics();
            g2.setColor(Color.WHITE);
            g2.drawString(letters, cx - fm.stringWidth(letters) / 2f, cy + (fm.getAscent() - fm.getDescent()) / 2f);
        } else {
            // Someone whose name we do not know: a head and shoulders, no letters that could mislead.
            g2.setColor(PLACEHOLDER);
            g2.fill(new Ellipse2D.Float(cx - d / 2f, cy - d / 2f, d, d));
            g2.setColor(new Color(0xc9ccd1));
            g2.setStroke(new BasicStroke(1f));
            float head = d * 0.34f;
            g2.fill(new Ellipse2D.Float(cx - head / 2f, cy - d * 0.3f, head, head));
            g2.clip(new Ellipse2D.Float(cx - d / 2f, cy - d / 2f, d, d));
            float body = d * 0.62f;
            g2.fill(new Ellipse2D.Float(cx - body / 2f, cy + d * 0.1f, body, body));
        }
    }

    @Override
    public AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public AccessibleRole getAccessibleRole() {
                    return AccessibleRole.CANVAS;
                }
            };
        }
        return accessibleContext;
    }
}
