package dev.parley.client.ui.swing;

import dev.parley.common.video.Picture;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Pictures as images Java 2D can draw. */
final class PictureImages {
    private static final int[] MASKS = {0xFF0000, 0xFF00, 0xFF};
    private static final DirectColorModel RGB = new DirectColorModel(24, MASKS[0], MASKS[1], MASKS[2]);

    private PictureImages() {
    }

    /**
     * A {@link BufferedImage#TYPE_INT_RGB} image over the picture's own pixels, without copying: a
     * picture's array is never written once made, so the image stays as it was.
     */
    static BufferedImage wrap(Picture picture) {
        int[] rgb = picture.rgb();
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(rgb, rgb.length), picture.width(),
                picture.height(), picture.width(), MASKS, null);
        return new BufferedImage(RGB, raster, false, null);
    }
}
