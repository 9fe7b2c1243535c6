package dev.parley.client.ui.engine;

import dev.parley.client.audio.AudioDevice;
import dev.parley.client.audio.AudioDevices;
import dev.parley.client.audio.JavaSoundSink;
import dev.parley.client.audio.JavaSoundSource;
import dev.parley.client.audio.processing.NativeAudioProcessing;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The desktop's sound devices through the Java Sound adapters. The pickers show "System default"
 * themselves, so the lists here leave out {@link AudioDevices#DEFAULT} and an empty choice opens it.
 * Microphones are cleaned up by WebRTC's audio processing where its natives load.
 */
public final class JavaSoundBackend implements AudioBackend {
    private final AudioDevices devices = new AudioDevices();

    @Override
    public List<String> microphones() {
        return named(devices.capture());
    }

    @Override
    public List<String> speakers() {
        return named(devices.playback());
    }

    /** @throws IOException an {@link dev.parley.client.audio.AudioDeviceException} whose message is for the user */
    @Override
    public AudioSource openMicrophone(Optional<String> name) throws IOException {
        return JavaSoundSource.openForCall(devices.capture(name.orElse(AudioDevices.DEFAULT)));
    }

    @Override
    public AudioSink openSpeaker(Optional<String> name) throws IOException {
        return JavaSoundSink.open(devices.playback(name.orElse(AudioDevices.DEFAULT)));
    }

    @Override
    public Optional<String> processingUnavailable() {
        return NativeAudioProcessing.shared().unavailableReason();
    }

    @Override
    public AudioProcessor openProcessor(AudioProcessing settings) {
        return NativeAudioProcessing.shared().open(settings);
    }

    private static List<String> named(List<AudioDevice> list) {
        return list.stream().filter(d -> !d.isSystemDefault()).map(AudioDevice::name).toList();
    }
}
