package dev.parley.client.e2e.desktop;

import dev.parley.client.ui.engine.AudioBackend;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.media.WavFileSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The desktop app's sound devices for the end-to-end test, through the app's {@link AudioBackend}
 * seam: the microphone is an endless {@link PulsedTone} (audible, and easy to find again in what the
 * others record), the speaker a WAV file of what the app plays.
 */
public final class FixedAudio implements AudioBackend {
    public static final String MICROPHONE = "Test tone";
    public static final String SPEAKER = "Recorder";

    private final double frequencyHz;
    private final double amplitude;
    private final Path heard;

    /**
     * @param frequencyHz the microphone's tone
     * @param amplitude   0..1 of full scale, at the peaks
     * @param heard       where the speaker's WAV goes
     */
    public FixedAudio(double frequencyHz, double amplitude, Path heard) {
        this.frequencyHz = frequencyHz;
        this.amplitude = amplitude;
        this.heard = heard;
    }

    @Override
    public List<String> microphones() {
        return List.of(MICROPHONE);
    }

    @Override
    public List<String> speakers() {
        return List.of(SPEAKER);
    }

    @Override
    public AudioSource openMicrophone(Optional<String> name) {
        return new PulsedTone(frequencyHz, amplitude);
    }

    @Override
    public AudioSink openSpeaker(Optional<String> name) throws IOException {
        return new WavFileSink(heard);
    }
}
