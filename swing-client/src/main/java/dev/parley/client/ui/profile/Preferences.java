package dev.parley.client.ui.profile;

import dev.parley.common.media.AudioProcessing;

import java.util.Optional;

/**
 * What the app remembers between runs. Never the invite link or a token: those are secrets.
 *
 * @param lastRelay   the relay address last used for a new room, {@code host[:port]}
 * @param lastName    the display name last joined with
 * @param microphone  the capture device last chosen; empty is the system default
 * @param speaker     the playback device last chosen; empty is the system default
 * @param theme       light, dark or follow the system
 * @param pushToTalk  whether push-to-talk was on
 * @param camera      the camera last chosen; empty is the first one the system lists
 * @param audioProcessing which clean-ups of the microphone are on (all of them unless switched off)
 */
public record Preferences(Optional<String> lastRelay, Optional<String> lastName, Optional<String> microphone,
                          Optional<String> speaker, ThemeChoice theme, boolean pushToTalk, Optional<String> camera,
                          AudioProcessing audioProcessing) {

    public static final Preferences DEFAULTS = new Preferences(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), ThemeChoice.SYSTEM, false, Optional.empty(), AudioProcessing.ALL);

    public Preferences {
        audioProcessing = audioProcessing == null ? AudioProcessing.ALL : audioProcessing;
    }

    /** With every clean-up of the microphone on. */
    public Preferences(Optional<String> lastRelay, Optional<String> lastName, Optional<String> microphone,
                       Optional<String> speaker, ThemeChoice theme, boolean pushToTalk, Optional<String> camera) {
        this(lastRelay, lastName, microphone, speaker, theme, pushToTalk, camera, AudioProcessing.ALL);
    }

    public Preferences withLastRelay(String relay) {
        return new Preferences(Optional.of(relay), lastName, microphone, speaker, theme, pushToTalk, camera, audioProcessing);
    }

    public Preferences withLastName(String name) {
        return new Preferences(lastRelay, Optional.of(name), microphone, speaker, theme, pushToTalk, camera, audioProcessing);
    }

    public Preferences withMicrophone(Optional<String> device) {
        return new Preferences(lastRelay, lastName, device, speaker, theme, pushToTalk, camera, audioProcessing);
    }

    public Preferences withSpeaker(Optional<String> device) {
        return new Preferences(lastRelay, lastName, microphone, device, theme, pushToTalk, camera, audioProcessing);
    }

    public Preferences withTheme(ThemeChoice choice) {
        return new Preferences(lastRelay, lastName, microphone, speaker, choice, pushToTalk, camera, audioProcessing);
    }

    public Preferences withPushToTalk(boolean enabled) {
        return new Preferences(lastRelay, lastName, microphone, speaker, theme, enabled, camera, audioProcessing);
    }

    public Preferences withCamera(Optional<String> device) {
        return new Preferences(lastRelay, lastName, microphone, speaker, theme, pushToTalk, device, audioProcessing);
    }

    public Preferences withAudioProcessing(AudioProcessing settings) {
        return new Preferences(lastRelay, lastName, microphone, speaker, theme, pushToTalk, camera, settings);
    }
}
