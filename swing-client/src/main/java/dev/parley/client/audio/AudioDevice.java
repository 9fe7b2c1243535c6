package dev.parley.client.audio;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;

/**
 * A microphone or speaker that Java Sound can open for the call format (48 kHz mono 16-bit).
 *
 * @param name        what the user picks it by: the mixer's name, or {@value AudioDevices#DEFAULT}
 * @param description the mixer's description, for a tooltip
 * @param kind        capture or playback
 * @param mixer       the Java Sound mixer, or {@code null} for the system's default device
 */
public record AudioDevice(String name, String description, Kind kind, Mixer.Info mixer) {

    /** Which way the sound flows. */
    public enum Kind {
        /** A microphone: Java Sound {@link javax.sound.sampled.TargetDataLine}. */
        CAPTURE("microphone", javax.sound.sampled.TargetDataLine.class),
        /** A speaker: Java Sound {@link javax.sound.sampled.SourceDataLine}. */
        PLAYBACK("speaker", javax.sound.sampled.SourceDataLine.class);

        private final String noun;
        private final Class<? extends DataLine> lineClass;

        Kind(String noun, Class<? extends DataLine> lineClass) {
            this.noun = noun;
            this.lineClass = lineClass;
        }

        /** "microphone" or "speaker", for messages. */
        public String noun() {
            return noun;
        }

        DataLine.Info lineInfo() {
            return new DataLine.Info(lineClass, PcmFormat.FORMAT);
        }
    }

    /** True for the system's default device rather than a named mixer. */
    public boolean isSystemDefault() {
        return mixer == null;
    }

    /** A new, unopened line of this device. */
    DataLine line() throws LineUnavailableException {
        DataLine.Info info = kind.lineInfo();
        return (DataLine) (mixer == null ? AudioSystem.getLine(info) : AudioSystem.getMixer(mixer).getLine(info));
    }

    @Override
    public String toString() {
        return name;
    }
}
