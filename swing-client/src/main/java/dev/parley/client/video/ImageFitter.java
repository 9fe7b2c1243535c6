package dev.parley.client.video;

import dev.parley.common.video.Picture;

import java.awt.AlphaComposite;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns captured images (a screen, a camera frame) into {@link Picture}s no larger than a limit,
 * keeping the aspect ratio and making both sides even (what video encoders want). Large factors
 * are scaled down in halving steps so that fine lines and text blend instead of being skipped.
 * Keeps its working images between calls; not thread-safe (one per source).
 */
public final class ImageFitter {
    private final int maxWidth;
    private final int maxHeight;
    private final List<BufferedImage> steps = new ArrayList<>();

    public ImageFitter(int maxWidth, int maxHeight) {
        if (maxWidth < 2 || maxHeight < 2 || maxWidth > Picture.MAX_SIDE || maxHeight > Picture.MAX_SIDE) {
            throw new IllegalArgumentException("pictures are 2.." + Picture.MAX_SIDE + " pixels on each side, got "
                    + maxWidth + "x" + maxHeight);
        }
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /**
     * The size a {@code width x height} image becomes: scaled down (never up) to fit the limit,
     * aspect kept, each side rounded down to an even number of at least 2.
     */
    public static Dimension fit(int width, int height, int maxWidth, int maxHeight) {
        double scale = Math.min(1.0, Math.min((double) maxWidth / width, (double) maxHeight / height));
        int w = Math.max(2, (int) Math.floor(width * scale + 1e-9) & ~1);
        int h = Math.max(2, (int) Math.floor(height * scale + 1e-9) & ~1);
        return new Dimension(w, h);
    }

    /** The picture of {@code image}, fitted; {@code image} itself is left as it was. */
    public Picture toPicture(BufferedImage image) {
        Dimension size = fit(image.getWidth(), image.getHeight(), maxWidth, maxHeight);
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        int step = 0;
        // halve while more than a factor of two remains, then one last bilinear step (or a copy)
        while (w / 2 >= size.width && h / 2 >= size.height && (w / 2 > size.width || h / 2 > size.height)) {
            w /= 2;
            h /= 2;
            current = draw(current, step++, w, h);
        }
        BufferedImage last = draw(current, step, size.width, size.height);
        int[] pixels = ((DataBufferInt) last.getRaster().getDataBuffer()).getData();
        return new Picture(size.width, size.height, pixels.clone());
    }

    /** Draws {@code source} into working image {@code index}, scaled to {@code w x h}. */
    private BufferedImage draw(BufferedImage source, int index, int w, int h) {
        while (steps.size() <= index) {
            steps.add(null);
        }
        BufferedImage target = steps.get(index);
        if (target == null || target.getWidth() != w || target.getHeight() != h) {
            target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            steps.set(index, target);
        }
        Graphics2D g = target.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (source.getWidth() - w <= 1 && source.getHeight() - h <= 1) {
                g.drawImage(source, 0, 0, null); // same size, or an odd last row or column cropped
            } else {
                g.drawImage(source, 0, 0, w, h, null);
            }
        } finally {
            g.dispose();
        }
        return target;
    }
}
