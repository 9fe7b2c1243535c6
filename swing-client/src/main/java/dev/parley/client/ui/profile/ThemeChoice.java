package dev.parley.client.ui.profile;

/** Which look the user wants: whatever the system uses (where it can be told), or a fixed one. */
public enum ThemeChoice {
    SYSTEM, LIGHT, DARK;

    /** The next choice of the theme toggle: system, light, dark, system… */
    public ThemeChoice next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
