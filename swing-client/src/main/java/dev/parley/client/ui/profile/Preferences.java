package dev.parley.client.ui.profile;

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
 */
public record Preferences(Optional<String> lastRelay, Optional<String> lastName, Optional<String> microphone,
                          Optional<String> speaker, ThemeChoice theme, boolean pushToTalk, Optional<String> camera) {

    public static final Preferences DEFAULTS = new Preferences(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), ThemeChoice.SYSTEM, false, Optional.empty());

    public Preferences withLastRelay(String relay) {
        return new Preferences(Optional.of(relay), lastName, microphone, speaker, theme, pushToTalk, camera);
    }

    public Preferences withLastName(String name) {
        return new Preferences(lastRelay, Optional.of(name), microphone, speaker, theme, pushToTalk, camera);
    }

    public Preferences withMicrophone(Optional<String> device) {
        return new Preferences(lastRelay, lastName, device, speaker, theme, pushToTalk, camera);
    }

    public Preferences withSpeaker(Optional<String> device) {
        return new Preferences(lastRelay, lastName, microphone, device, theme, pushToTalk, camera);
    }

    public Preferences withTheme(ThemeChoice choice) {
        return new Preferences(lastRelay, lastName, microphone, speaker, choice, pushToTalk, camera);
    }

    public Preferences withPushToTalk(boolean enabled) {
        return new Preferences(lastRelay, lastName, microphone, speaker, theme, enabled, camera);
    }

    public Preferences withCamera(Optional<String> device) {
        return new Preferences(lastRelay, lastName, microphone, speaker, theme, pushToTalk, device);
    }
}
