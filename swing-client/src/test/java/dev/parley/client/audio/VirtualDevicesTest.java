package dev.parley.client.audio;

import dev.parley.client.testing.SpeakerRecording;
import dev.parley.client.testing.VirtualAudio;
import dev.parley.client.testing.VirtualAudioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Java Sound on this machine sees the virtual PulseAudio devices, and nothing else. */
@ExtendWith(VirtualAudioExtension.class)
class VirtualDevicesTest {
    private final AudioDevices devices = new AudioDevices();

    @Test
    void listsTheAlsaDefaultDeviceBothWays() {
        // a machine with a sound card lists its own mixers too
        assertThat(devices.capture()).extracting(AudioDevice::name).startsWith("default").contains("default [default]");
        assertThat(devices.playback()).extracting(AudioDevice::name).startsWith("default").contains("default [default]");
    }

    @Test
    void theDefaultMicrophoneIsAPulseAudioStream(VirtualAudio audio) throws Exception {
        try (JavaSoundSource source = JavaSoundSource.open(devices.capture("Default [DEFAULT]"))) {
            source.read(new short[960]);

            assertThat(audio.pactl("list", "source-outputs")).contains("ALSA plug-in [java]");
        }
    }

    @Test
    void loopingTheSpeakerIntoTheMicrophoneLeavesTheSpeakersLowLatencyLoopbackInPlace(VirtualAudio audio) throws Exception {
        List<String> onSpeaker = audio.recordingsOf(VirtualAudio.SPEAKER_MONITOR);
        // virtual-audio.sh's loopback that keeps the speaker's latency low
        assertThat(onSpeaker).isNotEmpty();
        // a fresh server's speaker may still be playing out the 2 s it rendered before that loopback came
        firstSoundWithin(audio, Duration.ofSeconds(3));

        try (AutoCloseable loop = audio.loopSpeakerIntoMicrophone()) {
            assertThat(audio.pactl("get-default-source").trim()).isEqualTo(VirtualAudio.SPEAKER_MONITOR);
        }

        assertThat(audio.pactl("get-default-source").trim()).isEqualTo(VirtualAudio.MICROPHONE);
        assertThat(audio.recordingsOf(VirtualAudio.SPEAKER_MONITOR)).containsAll(onSpeaker);
        // so a recording of the speaker delivers at once, not after the up to 2 s a sink without a
        // low-latency reader renders ahead
        firstSoundWithin(audio, Duration.ofMillis(500));
    }

    private static void firstSoundWithin(VirtualAudio audio, Duration limit) throws Exception {
        SpeakerRecording recording = audio.recordSpeaker();
        try {
            await().atMost(limit).until(() -> recording.samples() > 0);
        } finally {
            recording.stop();
        }
    }

    @Test
    void aMissingDeviceNamesTheOnesThereAre() {
        assertThatThrownBy(() -> devices.playback("Studio Monitors"))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageStartingWith("There is no speaker called \"Studio Monitors\". Available: default, ")
                .hasMessageContaining("default [default]");
    }
}
