package dev.parley.client.ui.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import dev.parley.client.ui.profile.ThemeChoice;

import javax.swing.UIManager;
import java.awt.Color;
import java.util.Optional;

/**
 * Installs FlatLaf light or dark with Parley's additions. {@link #install} runs once before any window;
 * {@link #switchTo} changes the look of open windows and runs on the event thread.
 */
public final class Themes {
    private static volatile Optional<Boolean> systemDark = Optional.empty();
    private static boolean defaultsRegistered;

    private Themes() {
    }

    /** Sets up the look before the first window. {@code systemPrefersDark} comes from {@link SystemThemeProbe}. */
    public static void install(ThemeChoice choice, Optional<Boolean> systemPrefersDark) {
        systemDark = systemPrefersDark;
        if (!defaultsRegistered) {
            FlatLaf.registerCustomDefaultsSource("dev.parley.client.ui.themes");
            defaultsRegistered = true;
        }
        setup(choice);
    }

    /** Changes the theme of every open window, with FlatLaf's cross-fade. */
    public static void switchTo(ThemeChoice choice) {
        FlatAnimatedLafChange.showSnapshot();
        setup(choice);
        FlatLaf.updateUI();
        FlatAnimatedLafChange.hideSnapshotWithAnimation();
    }

    public static boolean dark(ThemeChoice choice) {
        return switch (choice) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> systemDark.orElse(false);
        };
    }

    /** Words for the theme toggle: what it is now, and what "automatic" came to. */
    public static String describe(ThemeChoice choice) {
        return switch (choice) {
            case SYSTEM -> systemDark.isEmpty() ? "Theme: automatic (light; your system did not say)"
                    : "Theme: automatic (" + (dark(choice) ? "dark" : "light") + ")";
            case LIGHT -> "Theme: light";
            case DARK -> "Theme: dark";
        };
    }

    /** A Parley colour key of the current theme, with a fallback should a theme lack it. */
    public static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }

    private static void setup(ThemeChoice choice) {
        if (dark(choice)) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }
}
