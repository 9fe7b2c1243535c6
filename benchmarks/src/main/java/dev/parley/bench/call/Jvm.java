package dev.parley.bench.call;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Child JVMs: the java binary of this JVM, and a stop that never leaves one behind. */
final class Jvm {
    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** SIGTERM (shutdown hooks run), then SIGKILL after 10 s. */
    static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The newest file in {@code dir} whose name matches the glob, or null. */
    static Path find(Path dir, String glob) {
        try (var s = Files.newDirectoryStream(dir, glob)) {
            Path best = null;
            for (Path p : s) {
                if (best == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(best)) > 0) {
                    best = p;
                }
            }
            return best;
        } catch (Exception e) {
            return null;
        }
    }
}
