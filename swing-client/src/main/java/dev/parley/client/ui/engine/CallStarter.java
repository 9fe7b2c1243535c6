package dev.parley.client.ui.engine;

import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvents;
import dev.parley.common.video.VideoSink;

/**
 * Starts a call session. The app calls {@link #start} off the event thread; it may block while the
 * session starts, and reports through {@code events} and {@code video} from then on. Tests pass a fake.
 */
public interface CallStarter {

    /**
     * @param request    what the user chose
     * @param microphone an open source; the session owns it from here
     * @param speaker    an open sink; the session owns it from here
     * @param video      where received pictures and our own go; called on the session's video threads
     * @param events     where the session reports; never blocks
     * @return the running call
     * @throws StartFailure when the call could not start, with a sentence and the detail; the
     *                      microphone and speaker are closed by then
     */
    CallControl start(JoinRequest request, AudioSource microphone, AudioSink speaker, VideoSink video,
                      CallEvents events) throws StartFailure;

    /**
     * {@link #start(JoinRequest, AudioSource, AudioSink, VideoSink, CallEvents)} with the microphone
     * cleaned up by {@code processor}, which the session owns from here like the devices. A starter
     * that cannot use one (a test's) closes it and starts without.
     */
    default CallControl start(JoinRequest request, AudioSource microphone, AudioSink speaker, AudioProcessor processor,
                              VideoSink video, CallEvents events) throws StartFailure {
        processor.close();
        return start(request, microphone, speaker, video, events);
    }

    /** Whether calls from here can send and show video (this build has video codecs). */
    boolean videoAvailable();
}
