package dev.parley.client.natives;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Native libraries the client can do without: loaded lazily, once, on the first question; whatever
 * loading throws ({@link UnsatisfiedLinkError} on an unsupported platform, a missing or damaged
 * library, anything else) is remembered as a sentence for the user, and so is a system property
 * set to {@code off}. Thread-safe.
 */
public final class LazyNatives {
    private static final System.Logger LOG = System.getLogger(LazyNatives.class.getName());

    /** The step that loads the natives; throws (anything) when they cannot be used. */
    @FunctionalInterface
    public interface Loader {
        void load() throws Exception;
    }

    private final String what;
    private final Loader loader;
    private final String notLoaded;
    private final String turnedOff;
    /** Empty when the natives work; null until the first question. */
    private volatile Optional<String> reason;

    /**
     * @param what      what the natives give, for a log line with the failure ("WebRTC audio
     *                  processing"); null: failures are not logged, the sentence says enough
     * @param loader    loads them
     * @param notLoaded the sentence when loading fails
     * @param turnedOff the sentence when {@link #unlessTurnedOff} found the property {@code off}
     */
    public LazyNatives(String what, Loader loader, String notLoaded, String turnedOff) {
        this.what = what;
        this.loader = loader;
        this.notLoaded = notLoaded;
        this.turnedOff = turnedOff;
    }

    /** {@code loader}, unless the system property {@code property} is {@code off} when it runs. */
    public static Loader unlessTurnedOff(String property, Loader loader) {
        return () -> {
            if ("off".equalsIgnoreCase(System.getProperty(property, "").trim())) {
                throw new TurnedOff();
            }
            loader.load();
        };
    }

    /** Whether the natives work here; loads them on the first call. */
    public boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Why the natives cannot be used here, a sentence for the user; empty when they can. */
    public Optional<String> unavailableReason() {
        Optional<String> known = reason;
        if (known == null) {
            synchronized (this) {
                known = reason;
                if (known == null) {
                    known = load();
                    reason = known;
                }
            }
        }
        return known;
    }

    private Optional<String> load() {
        try {
            loader.load();
            return Optional.empty();
        } catch (TurnedOff e) {
            return Optional.of(turnedOff);
        } catch (Throwable e) {
            // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError, ...
            if (what != null) {
                LOG.log(Level.INFO, what + " is not available here", e);
            }
            return Optional.of(notLoaded);
        }
    }

    private static final class TurnedOff extends Exception {
        TurnedOff() {
            super(null, null, false, false);
        }
    }
}
