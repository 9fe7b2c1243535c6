package dev.parley.client.ui.profile;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The user's profile directory, {@code ~/.parley/}: identity key, verified contacts, preferences, log.
 * The system property {@value #HOME_PROPERTY} moves it (tests, portable installs).
 *
 * @param path absolute path of the directory; it may not exist yet
 */
public record ProfileDirectory(Path path) {
    public static final String HOME_PROPERTY = "parley.home";

    public ProfileDirectory {
        path = path.toAbsolutePath().normalize();
    }

    /** The directory named by {@value #HOME_PROPERTY}, else {@code ~/.parley}. */
    public static ProfileDirectory resolve() {
        String override = System.getProperty(HOME_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new ProfileDirectory(Path.of(override.trim()));
        }
        return new ProfileDirectory(Path.of(System.getProperty("user.home"), ".parley"));
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    /** Creates the directory if needed, readable by its owner only where the file system allows. */
    public Path ensureExists() throws IOException {
        if (!Files.isDirectory(path)) {
            Files.createDirectories(path);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            }
        }
        return path;
    }
}
