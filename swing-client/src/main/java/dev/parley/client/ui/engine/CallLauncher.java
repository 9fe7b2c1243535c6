package dev.parley.client.ui.engine;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallFailedException;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.VideoSetup;
import dev.parley.common.domain.ErrorCode;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.parley.client.ui.profile.ProfileDirectory;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvents;
import dev.parley.common.crypto.IdentityFileException;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.IdentityStore;
import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;

/**
 * The one place where the desktop app calls the call engine. Everything else in the UI depends on
 * {@link CallStarter}, {@link CallControl} and {@link CallEvents} only.
 */
public final class CallLauncher implements CallStarter {
    private static final long JOIN_TIMEOUT_SECONDS = 20;
    private final ProfileDirectory profile;
    private final VideoCodecs codecs;

    /**
     * @param codecs the video codecs of this platform, or null for calls without video (nothing
     *               sent, nothing shown)
     */
    public CallLauncher(ProfileDirectory profile, VideoCodecs codecs) {
        this.profile = profile;
        this.codecs = codecs;
    }

    @Override
    public boolean videoAvailable() {
        return codecs != null;
    }

    @Override
    public CallControl start(JoinRequest request, AudioSource microphone, AudioSink speaker, VideoSink video,
                             CallEvents events) throws StartFailure {
        return start(request, microphone, speaker, AudioProcessor.NONE, video, events);
    }

    @Override
    public CallControl start(JoinRequest request, AudioSource microphone, AudioSink speaker, AudioProcessor processor,
                             VideoSink video, CallEvents events) throws StartFailure {
        IdentityKeyPair identity = identity(microphone, speaker, processor);
        CallConfig config = new CallConfig(request.link(), identity, request.displayName(), request.token().orElse(""),
                microphone, speaker, CallOptions.defaults(), "parley-desktop/0.1")
                .withVideo(new VideoSetup(codecs, video, VideoSettings.defaults()))
                .withAudioProcessor(processor);
        CallSession session = CallSession.start(config, events);
        try {
            session.joined().get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return session;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallFailedException failed) {
                throw new StartFailure(kindOf(failed), failed.getMessage(), failed);
            }
            throw new StartFailure(StartFailure.Kind.OTHER, "The call could not start.", cause);
        } catch (TimeoutException e) {
            session.leave();
            throw new StartFailure(StartFailure.Kind.UNREACHABLE, "The relay at " + request.relayAddress()
                    + " did not let this client join within " + JOIN_TIMEOUT_SECONDS + " seconds.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.leave();
            throw new StartFailure(StartFailure.Kind.OTHER, "Joining was interrupted.", e);
        }
    }

    static StartFailure.Kind kindOf(CallFailedException failed) {
        return switch (failed.kind()) {
            case UNREACHABLE, LOST -> StartFailure.Kind.UNREACHABLE;
            case PIN_MISMATCH -> StartFailure.Kind.PIN_MISMATCH;
            case UNTRUSTED_CERTIFICATE -> StartFailure.Kind.UNTRUSTED_CERTIFICATE;
            case REFUSED -> failed.relayCode() == ErrorCode.UNAUTHORIZED.code()
                    ? StartFailure.Kind.REFUSED_TOKEN : StartFailure.Kind.OTHER;
        };
    }

    /** The user's long-term identity, created on first use; a damaged file is reported, never replaced. */
    private IdentityKeyPair identity(AudioSource microphone, AudioSink speaker, AudioProcessor processor)
            throws StartFailure {
        try {
            return IdentityStore.loadOrCreate(profile.path());
        } catch (IdentityFileException e) {
            microphone.close();
            speaker.close();
            processor.close();
            throw new StartFailure(StartFailure.Kind.IDENTITY, e.getMessage(), e);
        }
    }
}
