package dev.parley.client.audio;

import java.util.List;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/** Opens a device's line in the call format with an explicit buffer, and closes it again on any failure. */
final class LineOpener {
    private LineOpener() {
    }

    static TargetDataLine openCapture(AudioDevice device, int bufferBytes) throws AudioDeviceException {
        requireKind(device, AudioDevice.Kind.CAPTURE);
        TargetDataLine line = (TargetDataLine) get(device);
        try {
            // open(format) alone would pick Java Sound's default buffer, about 500 ms.
            line.open(PcmFormat.FORMAT, bufferBytes);
            return line;
        } catch (LineUnavailableException | RuntimeException e) {
            line.close();
            throw busy(device, e);
        }
    }

    static SourceDataLine openPlayback(AudioDevice device, int bufferBytes) throws AudioDeviceException {
        requireKind(device, AudioDevice.Kind.PLAYBACK);
        SourceDataLine line = (SourceDataLine) get(device);
        try {
            line.open(PcmFormat.FORMAT, bufferBytes);
            return line;
        } catch (LineUnavailableException | RuntimeException e) {
            line.close();
            throw busy(device, e);
        }
    }

    private static DataLine get(AudioDevice device) throws AudioDeviceException {
        try {
            return device.line();
        } catch (IllegalArgumentException e) {
            // no line for the call format: no device at all, or the mixer vanished or changed
            throw new AudioDeviceException("The " + device.kind().noun() + " \"" + device.name() + "\" is not connected,"
                    + " or cannot " + (device.kind() == AudioDevice.Kind.CAPTURE ? "record" : "play")
                    + " 48 kHz mono 16-bit sound.", List.of(), e);
        } catch (LineUnavailableException | RuntimeException e) {
            throw busy(device, e);
        }
    }

    private static void requireKind(AudioDevice device, AudioDevice.Kind kind) {
        if (device.kind() != kind) {
            throw new IllegalArgumentException(device.name() + " is a " + device.kind().noun() + ", not a " + kind.noun());
        }
    }

    private static AudioDeviceException busy(AudioDevice device, Exception cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new AudioDeviceException("The " + device.kind().noun() + " \"" + device.name() + "\" could not be opened;"
                + " another program may be using it (" + detail + ").", List.of(), cause);
    }
}
