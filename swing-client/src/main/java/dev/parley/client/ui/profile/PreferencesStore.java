package dev.parley.client.ui.profile;

import dev.parley.common.media.AudioProcessing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@link Preferences} as {@value #FILE_NAME} in the profile directory. Thread-safe;
 * {@link #get} never blocks, {@link #update} touches the disk, so call it off the event thread.
 */
public final class PreferencesStore {
    public static final String FILE_NAME = "preferences.properties";
    private static final System.Logger LOG = System.getLogger(PreferencesStore.class.getName());
    private static final String ECHO_CANCELLATION = "echoCancellation";
    private static final String NOISE_SUPPRESSION = "noiseSuppression";
    private static final String AUTOMATIC_GAIN = "automaticGain";

    private final Path file;
    private volatile Preferences current;

    private PreferencesStore(Path file, Preferences current) {
        this.file = file;
        this.current = current;
    }

    /** Loads the preferences; a missing or unreadable file gives the defaults (logged, never fatal). */
    public static PreferencesStore load(ProfileDirectory profile) {
        return load(profile.file(FILE_NAME));
    }

    public static PreferencesStore load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return new PreferencesStore(file, Preferences.DEFAULTS);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Could not read " + file + "; using defaults", e);
            return new PreferencesStore(file, Preferences.DEFAULTS);
        }
        ThemeChoice theme;
        try {
            theme = ThemeChoice.valueOf(p.getProperty("theme", "SYSTEM"));
        } catch (IllegalArgumentException e) {
            theme = ThemeChoice.SYSTEM;
        }
        return new PreferencesStore(file, new Preferences(text(p, "relay"), text(p, "name"), text(p, "microphone"),
                text(p, "speaker"), theme, Boolean.parseBoolean(p.getProperty("pushToTalk", "false")),
                text(p, "camera"), new AudioProcessing(on(p, ECHO_CANCELLATION), on(p, NOISE_SUPPRESSION),
                on(p, AUTOMATIC_GAIN))));
    }

    /** The current preferences; never waits for a write in progress. */
    public Preferences get() {
        return current;
    }

    /** Applies {@code change} and writes the result; on a write failure the old value stays. */
    public synchronized Preferences update(UnaryOperator<Preferences> change) throws IOException {
        Preferences next = change.apply(current);
        if (next.equals(current)) {
            return current;
        }
        Properties p = new Properties();
        next.lastRelay().ifPresent(v -> p.setProperty("relay", v));
        next.lastName().ifPresent(v -> p.setProperty("name", v));
        next.microphone().ifPresent(v -> p.setProperty("microphone", v));
        next.speaker().ifPresent(v -> p.setProperty("speaker", v));
        next.camera().ifPresent(v -> p.setProperty("camera", v));
        p.setProperty("theme", next.theme().name());
        p.setProperty("pushToTalk", Boolean.toString(next.pushToTalk()));
        p.setProperty(ECHO_CANCELLATION, Boolean.toString(next.audioProcessing().echoCancellation()));
        p.setProperty(NOISE_SUPPRESSION, Boolean.toString(next.audioProcessing().noiseSuppression()));
        p.setProperty(AUTOMATIC_GAIN, Boolean.toString(next.audioProcessing().automaticGain()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.store(bytes, "Parley preferences");
        AtomicFiles.write(file, bytes.toByteArray());
        current = next;
        return current;
    }

    /** A clean-up of the microphone: on unless the file says {@code false} (files from before it existed too). */
    private static boolean on(Properties p, String key) {
        return !"false".equalsIgnoreCase(p.getProperty(key, "true").trim());
    }

    private static Optional<String> text(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
