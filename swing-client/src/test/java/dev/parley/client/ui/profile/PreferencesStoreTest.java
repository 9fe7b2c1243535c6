package dev.parley.client.ui.profile;

import dev.parley.common.media.AudioProcessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesStoreTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingWasSaved() {
        assertThat(PreferencesStore.load(dir.resolve("p.properties")).get()).isEqualTo(Preferences.DEFAULTS);
    }

    @Test
    void remembersRelayNameDevicesThemeAndPushToTalk() throws Exception {
        Path file = dir.resolve(PreferencesStore.FILE_NAME);
        PreferencesStore.load(file).update(p -> p.withLastRelay("relay.example.org:4433").withLastName("Zoë")
                .withMicrophone(Optional.of("USB Mic [hw:1]")).withSpeaker(Optional.empty())
                .withTheme(ThemeChoice.DARK).withPushToTalk(true));

        Preferences loaded = PreferencesStore.load(file).get();
        assertThat(loaded.lastRelay()).contains("relay.example.org:4433");
        assertThat(loaded.lastName()).contains("Zoë");
        assertThat(loaded.microphone()).contains("USB Mic [hw:1]");
        assertThat(loaded.speaker()).isEmpty();
        assertThat(loaded.theme()).isEqualTo(ThemeChoice.DARK);
        assertThat(loaded.pushToTalk()).isTrue();
    }

    @Test
    void remembersTheCamera() throws Exception {
        Path file = dir.resolve(PreferencesStore.FILE_NAME);
        PreferencesStore.load(file).update(p -> p.withCamera(Optional.of("HD Webcam [video0]")));
        assertThat(PreferencesStore.load(file).get().camera()).contains("HD Webcam [video0]");
        PreferencesStore.load(file).update(p -> p.withCamera(Optional.empty()));
        assertThat(PreferencesStore.load(file).get().camera()).isEmpty();
    }

    @Test
    void aFileFromBeforeCamerasStillReads() throws Exception {
        Path file = dir.resolve(PreferencesStore.FILE_NAME);
        Files.writeString(file, "#Parley preferences\nname=Alice\nmicrophone=USB Mic\ntheme=DARK\npushToTalk=true\n");
        Preferences loaded = PreferencesStore.load(file).get();
        assertThat(loaded.lastName()).contains("Alice");
        assertThat(loaded.microphone()).contains("USB Mic");
        assertThat(loaded.theme()).isEqualTo(ThemeChoice.DARK);
        assertThat(loaded.pushToTalk()).isTrue();
        assertThat(loaded.camera()).as("the first camera the system lists").isEmpty();
    }

    @Test
    void remembersWhichCleanUpsOfTheMicrophoneAreOn() throws Exception {
        Path file = dir.resolve(PreferencesStore.FILE_NAME);
        assertThat(PreferencesStore.load(file).get().audioProcessing()).isEqualTo(AudioProcessing.ALL);
        PreferencesStore.load(file).update(p -> p.withAudioProcessing(new AudioProcessing(true, false, true)));
        assertThat(PreferencesStore.load(file).get().audioProcessing()).isEqualTo(new AudioProcessing(true, false, true));
        PreferencesStore.load(file).update(p -> p.withAudioProcessing(AudioProcessing.NONE));
        assertThat(PreferencesStore.load(file).get().audioProcessing()).isEqualTo(AudioProcessing.NONE);
    }

    @Test
    void aFileFromBeforeAudioProcessingHasItAllOn() throws Exception {
        Path file = dir.resolve(PreferencesStore.FILE_NAME);
        Files.writeString(file, "#Parley preferences\nname=Alice\ncamera=HD Webcam\n");
        Preferences loaded = PreferencesStore.load(file).get();
        assertThat(loaded.camera()).contains("HD Webcam");
        assertThat(loaded.audioProcessing()).isEqualTo(AudioProcessing.ALL);
    }

    @Test
    void anUnknownThemeFallsBackToSystem() throws Exception {
        Path file = dir.resolve(PreferencesStore.FILE_NAME);
        Files.writeString(file, "theme=PURPLE\n");
        assertThat(PreferencesStore.load(file).get().theme()).isEqualTo(ThemeChoice.SYSTEM);
    }

    @Test
    void profileDirectoryFollowsTheSystemProperty() {
        String before = System.getProperty(ProfileDirectory.HOME_PROPERTY);
        try {
            System.setProperty(ProfileDirectory.HOME_PROPERTY, dir.toString());
            assertThat(ProfileDirectory.resolve().path()).isEqualTo(dir.toAbsolutePath());
        } finally {
            if (before == null) {
                System.clearProperty(ProfileDirectory.HOME_PROPERTY);
            } else {
                System.setProperty(ProfileDirectory.HOME_PROPERTY, before);
            }
        }
    }
}
