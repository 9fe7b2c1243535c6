package dev.parley.client.ui.engine;

import dev.parley.client.ui.profile.ProfileDirectory;
import dev.parley.common.call.AudioSink;
import dev.parley.common.call.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvents;

/**
 * The one place where the desktop app calls the call engine. Everything else in the UI depends on
 * {@link CallStarter}, {@link CallControl} and {@link CallEvents} only.
 */
public final class CallLauncher implements CallStarter {
    private final ProfileDirectory profile;

    public CallLauncher(ProfileDirectory profile) {
        this.profile = profile;
    }

    @Override
    public CallControl start(JoinRequest request, AudioSource microphone, AudioSink speaker, CallEvents events)
            throws StartFailure {
        // Wiring point for dev.parley.common.call.CallSession, e.g.
        //   return CallSession.start(new CallConfig(request.link(), request.displayName(), request.token(),
        //           IdentityStore.loadOrCreate(profile.path()), microphone, speaker), events);
        // translating the engine's exceptions into StartFailure kinds (UNREACHABLE, PIN_MISMATCH, ...).
        microphone.close();
        speaker.close();
        throw new StartFailure(StartFailure.Kind.ENGINE_UNAVAILABLE,
                "This build of Parley cannot place calls yet.", null);
    }

    ProfileDirectory profile() {
        return profile;
    }
}
