package dev.parley.client.ui.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the {@link Stage}: a shared screen becomes the main view by itself (the latest one, when
 * several people share), and the user can enlarge any item or send an automatic one back to the
 * grid with a double-click; a second double-click undoes it. Not thread-safe.
 */
public final class StageLayout {
    private final List<String> screens = new ArrayList<>();
    private final Set<String> dismissed = new HashSet<>();
    private String enlarged;

    /** A screen share began showing pictures. */
    public void screenStarted(String item) {
        if (!screens.contains(item)) {
            screens.add(item);
        }
    }

    /** A screen share ended; an item the user enlarged returns to its place if it was this one. */
    public void screenEnded(String item) {
        screens.remove(item);
        itemGone(item);
    }

    /** A participant left: forget what the user chose about their tile. */
    public void itemGone(String item) {
        dismissed.remove(item);
        if (item.equals(enlarged)) {
            enlarged = null;
        }
    }

    /** The screen shares that are running, in the order they started. */
    public List<String> screens() {
        return List.copyOf(screens);
    }

    /**
     * The user double-clicked {@code item} in the stage {@code now}: the main item goes back (to what
     * was large before, or to the grid), any other item becomes the main one.
     */
    public void toggle(String item, Stage now) {
        if (now.main().filter(item::equals).isPresent()) {
            if (item.equals(enlarged)) {
                enlarged = null;
            }
            // An automatic screen share goes back to the grid; so does one the user had enlarged
            // that would otherwise come straight back: every double-click changes the view.
            if (autoMain(screens).filter(item::equals).isPresent()) {
                dismissed.add(item);
            }
        } else if (now.items().contains(item)) {
            enlarged = item;
        }
    }

    /**
     * The stage for these items.
     *
     * @param tiles        participant tile ids, in order
     * @param shownScreens the running screen shares that can be shown (their sharer is known), a
     *                     subset of {@link #screens()} in its order
     */
    public Stage stage(List<String> tiles, List<String> shownScreens) {
        List<String> items = new ArrayList<>(tiles);
        items.addAll(shownScreens);
        Optional<String> main;
        boolean chosen = enlarged != null && items.contains(enlarged);
        if (chosen) {
            main = Optional.of(enlarged);
        } else {
            main = autoMain(shownScreens);
        }
        if (main.isEmpty()) {
            return Stage.grid(items);
        }
        items.remove(main.get());
        return new Stage(main, chosen, items);
    }

    private Optional<String> autoMain(List<String> candidates) {
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (!dismissed.contains(candidates.get(i))) {
                return Optional.of(candidates.get(i));
            }
        }
        return Optional.empty();
    }
}
