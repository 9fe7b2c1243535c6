package dev.parley.client.audio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The microphones and speakers that can carry a call (48 kHz mono 16-bit), picked by name.
 *
 * <p>Each list starts with {@value #DEFAULT}, the device the operating system prefers, followed by
 * the Java Sound mixers by name. Both lists are empty when Java Sound sees no audio device at all
 * (no sound card, or on Linux no sound server running when the JVM first used Java Sound). Every
 * call asks Java Sound again, so a device plugged in later shows up.
 */
public final class AudioDevices {
    /** The name of the operating system's default device. */
    public static final String DEFAULT = "default";

    private final MixerScan scan;

    /** The devices Java Sound offers on this computer. */
    public AudioDevices() {
        this(MixerScan.javaSound());
    }

    AudioDevices(MixerScan scan) {
        this.scan = scan;
    }

    /** Microphones, {@value #DEFAULT} first; empty when there is none. */
    public List<AudioDevice> capture() {
        return list(AudioDevice.Kind.CAPTURE);
    }

    /** Speakers, {@value #DEFAULT} first; empty when there is none. */
    public List<AudioDevice> playback() {
        return list(AudioDevice.Kind.PLAYBACK);
    }

    /**
     * The microphone called {@code name}: exactly, or else ignoring case.
     *
     * @throws AudioDeviceException naming the microphones there are, when none is called so
     */
    public AudioDevice capture(String name) throws AudioDeviceException {
        return find(AudioDevice.Kind.CAPTURE, name);
    }

    /**
     * The speaker called {@code name}: exactly, or else ignoring case.
     *
     * @throws AudioDeviceException naming the speakers there are, when none is called so
     */
    public AudioDevice playback(String name) throws AudioDeviceException {
        return find(AudioDevice.Kind.PLAYBACK, name);
    }

    private List<AudioDevice> list(AudioDevice.Kind kind) {
        List<AudioDevice> named = scan.devices(kind);
        if (named.isEmpty()) {
            return List.of();
        }
        // Java Sound may list two mixers under one name; the first one wins, as it does for the user.
        Map<String, AudioDevice> byName = new LinkedHashMap<>();
        byName.put(DEFAULT, new AudioDevice(DEFAULT, "The device the operating system prefers", kind, null));
        for (AudioDevice device : named) {
            byName.putIfAbsent(device.name(), device);
        }
        return List.copyOf(byName.values());
    }

    private AudioDevice find(AudioDevice.Kind kind, String name) throws AudioDeviceException {
        List<AudioDevice> devices = list(kind);
        if (devices.isEmpty()) {
            throw new AudioDeviceException("No " + kind.noun() + " found: Java Sound sees no audio device on this"
                    + " computer. Connect a sound card or headset, or start the sound server (PulseAudio,"
                    + " PipeWire) before Parley.", List.of());
        }
        List<AudioDevice> ignoringCase = new ArrayList<>();
        for (AudioDevice device : devices) {
            if (device.name().equals(name)) {
                return device;
            }
            if (device.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                ignoringCase.add(device);
            }
        }
        if (ignoringCase.size() == 1) {
            return ignoringCase.get(0);
        }
        List<String> names = devices.stream().map(AudioDevice::name).toList();
        String problem = ignoringCase.isEmpty() ? "There is no " + kind.noun() + " called \"" + name + "\"."
                : "Several " + kind.noun() + "s are called \"" + name + "\" when case is ignored; spell it exactly.";
        throw new AudioDeviceException(problem + " Available: " + String.join(", ", names) + ".", names);
    }
}
