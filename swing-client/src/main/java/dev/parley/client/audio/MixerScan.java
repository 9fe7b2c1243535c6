package dev.parley.client.audio;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Mixer;

/** Lists the Java Sound mixers that can capture or play the call format. */
interface MixerScan {

    /** The named devices of {@code kind}, in Java Sound's order, without the system default. */
    List<AudioDevice> devices(AudioDevice.Kind kind);

    /** The mixers installed in this JVM. Asks Java Sound afresh on every call. */
    static MixerScan javaSound() {
        return kind -> {
            List<AudioDevice> devices = new ArrayList<>();
            for (Mixer.Info info : AudioSystem.getMixerInfo()) {
                try {
                    if (AudioSystem.getMixer(info).isLineSupported(kind.lineInfo())) {
                        devices.add(new AudioDevice(info.getName(), info.getDescription(), kind, info));
                    }
                } catch (IllegalArgumentException gone) {
                    // unplugged, or its sound server stopped, since getMixerInfo() listed it
                }
            }
            return devices;
        };
    }
}
