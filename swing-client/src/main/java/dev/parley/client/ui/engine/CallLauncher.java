package dev.parley.client.ui.engine;

import dev.parley.client.ui.profile.ProfileDirectory;
import dev.parley.common.call.AudioSink;
import dev.parley.common.call.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvents;
import dev.parley.common.crypto.IdentityFileException;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.IdentityStore;

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
        IdentityKeyPair identity = identity(microphone, speaker);
        // Wiring point for dev.parley.common.call.CallSession, e.g.
        //   return CallSession.start(new CallConfig(request.link(), request.displayName(), request.token(),
        //           identity, microphone, speaker), events);
        // translating the engine's start exceptions into StartFailure kinds (UNREACHABLE, PIN_MISMATCH,
        // UNTRUSTED_CERTIFICATE, REFUSED_TOKEN), each with a sentence and the exception as the cause.
        microphone.close();
        speaker.close();
        throw new StartFailure(StartFailure.Kind.ENGINE_UNAVAILABLE, "This build of Parley cannot place calls yet.",
                new UnsupportedOperationException("no call engine wired; identity " + identity));
    }

    /** The user's long-term identity, created on first use; a damaged file is reported, never replaced. */
    private IdentityKeyPair identity(AudioSource microphone, AudioSink speaker) throws StartFailure {
        try {
            return IdentityStore.loadOrCreate(profile.path());
        } catch (IdentityFileException e) {
            microphone.close();
            speaker.close();
            throw new StartFailure(StartFailure.Kind.IDENTITY, e.getMessage(), e);
        }
    }
}
