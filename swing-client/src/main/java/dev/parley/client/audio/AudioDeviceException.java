package dev.parley.client.audio;

import java.io.IOException;
import java.util.List;

/**
 * A microphone or speaker could not be found or opened. The message is a sentence for the user;
 * {@link #availableNames()} lists what could have been picked instead.
 */
public class AudioDeviceException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> availableNames;

    public AudioDeviceException(String message, List<String> availableNames) {
        this(message, availableNames, null);
    }

    public AudioDeviceException(String message, List<String> availableNames, Throwable cause) {
        super(message, cause);
        this.availableNames = List.copyOf(availableNames);
    }

    /** The device names that exist for the kind asked for; empty when there are none at all. */
    public List<String> availableNames() {
        return availableNames;
    }
}
