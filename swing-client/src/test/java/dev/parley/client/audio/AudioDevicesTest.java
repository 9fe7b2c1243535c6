package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sound.sampled.Mixer;
import org.junit.jupiter.api.Test;

/** Listing and picking, on made-up mixers: the rules, whatever this machine has. */
class AudioDevicesTest {

    @Test
    void listsTheDefaultFirstThenEachNameOnce() {
        AudioDevices devices = devices("Headset", "USB Mic", "Headset");

        assertThat(devices.capture()).extracting(AudioDevice::name).containsExactly("default", "Headset", "USB Mic");
        assertThat(devices.capture().get(0).isSystemDefault()).isTrue();
        assertThat(devices.capture().get(1).isSystemDefault()).isFalse();
    }

    @Test
    void picksByExactNameBeforeIgnoringCase() throws AudioDeviceException {
        AudioDevices devices = devices("Headset", "headset mic");

        assertThat(devices.capture("Headset").name()).isEqualTo("Headset");
        assertThat(devices.capture("HEADSET MIC").name()).isEqualTo("headset mic");
        assertThat(devices.playback("DEFAULT").isSystemDefault()).isTrue();
    }

    @Test
    void aMissingNameIsAnErrorThatNamesWhatThereIs() {
        AudioDevices devices = devices("Headset", "USB Mic");

        assertThatThrownBy(() -> devices.capture("Webcam"))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessage("There is no microphone called \"Webcam\". Available: default, Headset, USB Mic.")
                .extracting(e -> ((AudioDeviceException) e).availableNames())
                .isEqualTo(List.of("default", "Headset", "USB Mic"));
    }

    @Test
    void twoNamesThatDifferOnlyInCaseMustBeSpelledExactly() {
        AudioDevices devices = devices("Mic", "MIC");

        assertThatThrownBy(() -> devices.capture("mic"))
                .hasMessageStartingWith("Several microphones are called \"mic\" when case is ignored");
    }

    @Test
    void withoutAnyDeviceThereIsNoDefaultEitherAndTheErrorSaysWhy() {
        AudioDevices devices = devices();

        assertThat(devices.capture()).isEmpty();
        assertThat(devices.playback()).isEmpty();
        assertThatThrownBy(() -> devices.playback("default"))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageStartingWith("No speaker found: Java Sound sees no audio device on this computer.");
    }

    @Test
    void opensNothingOfTheWrongKind() throws AudioDeviceException {
        AudioDevice speaker = devices("Speakers").playback("Speakers");

        assertThatThrownBy(() -> JavaSoundSource.open(speaker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Speakers is a speaker, not a microphone");
    }

    private static AudioDevices devices(String... names) {
        return new AudioDevices(kind -> java.util.Arrays.stream(names)
                .map(name -> new AudioDevice(name, "test mixer", kind, new Mixer.Info(name, "test", "test mixer", "1") {
                }))
                .toList());
    }
}
