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
            throw cannotOpen(device, e);
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
            throw cannotOpen(device, e);
        }
    }

    private static DataLine get(AudioDevice device) throws AudioDeviceException {
        try {
            return device.line();
        } catch (LineUnavailableException | RuntimeException e) {
            // IllegalArgumentException: the mixer vanished or no longer offers the call format
            throw cannotOpen(device, e);
        }
    }

    private static void requireKind(AudioDevice device, AudioDevice.Kind kind) {
        if (device.kind() != kind) {
            throw new IllegalArgumentException(device.name() + " is a " + device.kind().noun() + ", not a " + kind.noun());
        }
    }

    private static AudioDeviceException cannotOpen(AudioDevice device, Exception cause) {
        String noun = device.kind().noun();
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new AudioDeviceException("The " + noun + " \"" + device.name() + "\" could not be opened (" + detail
                + "). It may be unplugged or in use by another program.", List.of(), cause);
    }
}
