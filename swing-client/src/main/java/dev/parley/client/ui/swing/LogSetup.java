package dev.parley.client.ui.swing;

import dev.parley.client.ui.profile.ProfileDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the desktop app's log to {@code parley.log} in the profile directory (three files of 1 MB,
 * rotated), so the detail behind a dialog can be found and sent to someone who helps.
 */
public final class LogSetup {
    public static final String FILE_NAME = "parley.log";
    private static volatile Path logFile;

    private LogSetup() {
    }

    /** Adds the file handler; when that fails, logging stays on the console and the app goes on. */
    public static void toProfile(ProfileDirectory profile) {
        try {
            profile.ensureExists();
            Path file = profile.file(FILE_NAME);
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
            FileHandler handler = new FileHandler(file.toString().replace("%", "%%") + ".%g", 1_000_000, 3, true);
            handler.setFormatter(new SimpleFormatter());
            handler.setEncoding("UTF-8");
            Logger.getLogger("").addHandler(handler);
            logFile = Path.of(file + ".0");
        } catch (IOException | RuntimeException e) {
            System.getLogger(LogSetup.class.getName()).log(System.Logger.Level.WARNING,
                    "Could not write the log to the profile directory", e);
        }
    }

    /** Where the log goes, when it goes to a file. */
    public static Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }
}
