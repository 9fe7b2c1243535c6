package dev.parley.client.e2e.desktop;

import dev.parley.client.ui.engine.AudioBackend;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioProcessorStats;
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
 * others record), the speaker a WAV file of what the app plays. The tone reaches the others as it is
 * (noise suppression would take a steady tone for noise), yet the processing toggles show as on a
 * computer that has processing: switching them changes nothing.
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

    @Override
    public Optional<String> processingUnavailable() {
        return Optional.empty();
    }

    @Override
    public AudioProcessor openProcessor(AudioProcessing settings) {
        return new Untouched(settings);
    }

    /** Keeps the settings it is given and the sound as it is. */
    private static final class Untouched implements AudioProcessor {
        private volatile AudioProcessing settings;

        Untouched(AudioProcessing settings) {
            this.settings = settings;
        }

        @Override
        public void farEnd(short[] frame, int delayMillis) {
        }

        @Override
        public void nearEnd(short[] frame) {
        }

        @Override
        public void configure(AudioProcessing next) {
            settings = next;
        }

        @Override
        public AudioProcessing settings() {
            return settings;
        }

        @Override
        public AudioProcessorStats stats() {
            return new AudioProcessorStats(settings, java.util.OptionalDouble.empty(), java.util.OptionalInt.empty());
        }

        @Override
        public void close() {
        }
    }
}
