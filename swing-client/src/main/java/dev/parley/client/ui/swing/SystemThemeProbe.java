package dev.parley.client.ui.swing;

import com.formdev.flatlaf.util.SystemInfo;

import java.awt.Toolkit;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the desktop whether it prefers a dark look. FlatLaf itself cannot tell, so this reads what each
 * system exposes cheaply: the GTK theme name (a Toolkit desktop property) and GNOME's color scheme on
 * Linux, the global appearance on macOS, the "apps use light theme" registry value on Windows.
 * Unknown when none of them answers. Runs small processes: call it off the event thread, once.
 */
public final class SystemThemeProbe {
    private static final System.Logger LOG = System.getLogger(SystemThemeProbe.class.getName());
    private static final long TIMEOUT_MS = 1_500;

    /** True for dark, false for light, empty when the system does not say. */
    public Optional<Boolean> prefersDark() {
        try {
            if (SystemInfo.isMacOS) {
                // Exit status 1 and no output means the light appearance.
                return Optional.of(run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                        .map(s -> s.toLowerCase(Locale.ROOT).contains("dark")).orElse(false));
            }
            if (SystemInfo.isWindows) {
                return run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme"))
                        .filter(s -> s.contains("AppsUseLightTheme"))
                        .map(s -> s.trim().endsWith("0x0"));
            }
            if (SystemInfo.isLinux) {
                Optional<Boolean> scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                        .filter(s -> s.contains("prefer-dark") || s.contains("prefer-light"))
                        .map(s -> s.contains("prefer-dark"));
                if (scheme.isPresent()) {
                    return scheme;
                }
                Object gtkTheme = Toolkit.getDefaultToolkit().getDesktopProperty("gnome.Net/ThemeName");
                if (gtkTheme instanceof String name && !name.isBlank()) {
                    return Optional.of(name.toLowerCase(Locale.ROOT).contains("dark"));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not read the system theme", e);
        }
        return Optional.empty();
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
