package dev.parley.client.ui.model;

import java.util.List;
import java.util.Optional;

/**
 * How the call screen arranges its items (participant tiles, by tile id, and screen shares, by
 * {@link ScreenShareModel#itemId()}).
 *
 * @param main     the item shown large, with the others in a strip beside it; empty for the grid
 * @param enlarged whether the user chose the main item (a double-click brings the previous view back)
 * @param items    the grid's items, or the strip's, in order
 */
public record Stage(Optional<String> main, boolean enlarged, List<String> items) {
    public Stage {
        items = List.copyOf(items);
    }

    /** All items in a grid, none large. */
    public static Stage grid(List<String> items) {
        return new Stage(Optional.empty(), false, items);
    }

    public boolean isGrid() {
        return main.isEmpty();
    }
}
