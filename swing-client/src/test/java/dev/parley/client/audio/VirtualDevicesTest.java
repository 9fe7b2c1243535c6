package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Java Sound on this machine sees the virtual PulseAudio devices, and nothing else. */
@ExtendWith(VirtualAudioExtension.class)
class VirtualDevicesTest {
    private final AudioDevices devices = new AudioDevices();

    @Test
    void listsTheAlsaDefaultDeviceBothWays() {
        assertThat(devices.capture()).extracting(AudioDevice::name).containsExactly("default", "default [default]");
        assertThat(devices.playback()).extracting(AudioDevice::name).containsExactly("default", "default [default]");
    }

    @Test
    void theDefaultMicrophoneIsAPulseAudioStream(VirtualAudio audio) throws Exception {
        try (JavaSoundSource source = JavaSoundSource.open(devices.capture("Default [DEFAULT]"))) {
            source.read(new short[960]);

            assertThat(audio.pactl("list", "source-outputs")).contains("ALSA plug-in [java]");
        }
    }

    @Test
    void aMissingDeviceNamesTheOnesThereAre() {
        assertThatThrownBy(() -> devices.playback("Studio Monitors"))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessage("There is no speaker called \"Studio Monitors\". Available: default, default [default].");
    }
}
