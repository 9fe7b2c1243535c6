package dev.parley.client.video.camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether Linux's {@code libv4l2.so.0} (Debian's {@code libv4l-0}), which webcam-capture's native
 * grabber links against, is installed. Asked before the driver is touched: without the library
 * the driver fails only after its native loader has printed a stack trace and a dozen lines of
 * {@code dlopen} errors to the console.
 */
final class V4l2Library {
    static final String SONAME = "libv4l2.so.0";

    private static final List<String> SYSTEM_DIRS = List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64",
            "/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib/arm-linux-gnueabihf", "/usr/lib/arm-linux-gnueabihf",
            "/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu");

    private V4l2Library() {
    }

    /** True off Linux (the library is a Linux one) and on a Linux that has it. */
    static boolean availableOrNotNeeded() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return !os.contains("linux") || installed();
    }

    static boolean installed() {
        // the dynamic loader's cache names every library ldconfig knows about
        try {
            byte[] cache = Files.readAllBytes(Path.of("/etc/ld.so.cache"));
            if (new String(cache, StandardCharsets.ISO_8859_1).contains(SONAME)) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // no cache (musl, a container without ldconfig): look in the directories instead
        }
        List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            dirs.addAll(List.of(ldPath.split(":")));
        }
        for (String dir : dirs) {
            if (!dir.isBlank() && Files.exists(Path.of(dir, SONAME))) {
                return true;
            }
        }
        return false;
    }
}
