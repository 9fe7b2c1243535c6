package dev.parley.client.ui.swing;

import com.formdev.flatlaf.extras.FlatSVGIcon;

import javax.swing.Icon;

/**
 * The app's SVG icons. Vector icons stay sharp at any HiDPI scale, and their palette colours are
 * mapped to the dark theme by FlatLaf's colour filter.
 */
public enum Icons {
    MIC("mic"), MIC_OFF("mic-off"), SPEAKER("speaker"), COPY("copy"), LEAVE("leave"), STATS("stats"),
    VERIFIED("verified"), NOT_VERIFIED("not-verified"), FAILED("failed"), JOINING("joining"), WARNING("warning"),
    YOU("you"), THEME("theme"), KEY("key"), LOCK("lock"), CAMERA("camera"), CAMERA_OFF("camera-off"),
    SCREEN_SHARE("screen-share");

    private final String file;

    Icons(String file) {
        this.file = file;
    }

    /** The icon at 16 × 16 (scaled with the UI). */
    public Icon small() {
        return new FlatSVGIcon("dev/parley/client/ui/icons/" + file + ".svg", 16, 16);
    }

    /** The icon at {@code size} × {@code size} (scaled with the UI). */
    public Icon sized(int size) {
        return new FlatSVGIcon("dev/parley/client/ui/icons/" + file + ".svg", size, size);
    }
}
