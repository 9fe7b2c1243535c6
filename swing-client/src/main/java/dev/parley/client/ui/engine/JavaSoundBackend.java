package dev.parley.client.ui.engine;

import dev.parley.common.call.AudioSink;
import dev.parley.common.call.AudioSource;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The desktop's sound devices through Java Sound. Device listing is done here; opening is the job of
 * the Java Sound adapters in {@code dev.parley.client.audio} and is wired to them in
 * {@link #openMicrophone} and {@link #openSpeaker} once they exist.
 */
public final class JavaSoundBackend implements AudioBackend {

    @Override
    public List<String> microphones() {
        return mixersWith(new Line.Info(TargetDataLine.class));
    }

    @Override
    public List<String> speakers() {
        return mixersWith(new Line.Info(SourceDataLine.class));
    }

    @Override
    public AudioSource openMicrophone(Optional<String> name) throws IOException {
        // Wiring point: return JavaSoundSource.open(name, ...);
        throw new IOException("The microphone cannot be opened: this build has no Java Sound capture yet.");
    }

    @Override
    public AudioSink openSpeaker(Optional<String> name) throws IOException {
        // Wiring point: return JavaSoundSink.open(name, ...);
        throw new IOException("The speaker cannot be opened: this build has no Java Sound playback yet.");
    }

    private static List<String> mixersWith(Line.Info lineType) {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (AudioSystem.getMixer(info).isLineSupported(lineType)) {
                names.add(info.getName());
            }
        }
        return names;
    }
}
