package dev.parley.client.ui.engine;

/**
 * A screen the user may share.
 *
 * @param id    what {@link VideoBackend#openScreen} takes (a graphics device's id)
 * @param label what the chooser shows, e.g. "Screen 1 (1920 × 1080)"
 */
public record ScreenChoice(String id, String label) {
    public ScreenChoice {
        if (id == null || label == null) {
            throw new IllegalArgumentException("a screen has an id and a label");
        }
    }
}
