package dev.parley.client.ui.engine;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvents;

/**
 * Starts a call session. The app calls this off the event thread; it may block while the session
 * starts, and reports through {@code events} from then on. Tests pass a fake.
 */
@FunctionalInterface
public interface CallStarter {

    /**
     * @param request    what the user chose
     * @param microphone an open source; the session owns it from here
     * @param speaker    an open sink; the session owns it from here
     * @param events     where the session reports; never blocks
     * @return the running call
     * @throws StartFailure when the call could not start, with a sentence and the detail; the
     *                      microphone and speaker are closed by then
     */
    CallControl start(JoinRequest request, AudioSource microphone, AudioSink speaker, CallEvents events)
            throws StartFailure;
}
