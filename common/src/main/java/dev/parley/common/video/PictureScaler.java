package dev.parley.common.video;

/** Placeholder until the codec branch lands its scaler (nearest neighbour, aspect kept). */
public final class PictureScaler {
    private PictureScaler() {
    }

    public static Picture fit(Picture p, int maxWidth, int maxHeight) {
        if (p.width() <= maxWidth && p.height() <= maxHeight) {
            return p;
        }
        double s = Math.min((double) maxWidth / p.width(), (double) maxHeight / p.height());
        int w = Math.max(2, (int) (p.width() * s) & ~1);
        int h = Math.max(2, (int) (p.height() * s) & ~1);
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int sy = y * p.height() / h;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = p.rgb()[sy * p.width() + x * p.width() / w];
            }
        }
        return new Picture(w, h, out);
    }
}
