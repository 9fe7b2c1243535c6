package dev.parley.common.call;

import dev.parley.common.domain.PeerId;

import java.util.Optional;

/**
 * What a driver (UI, headless client) can do with a running call. Every method returns quickly and
 * never waits on the network or an audio device, so the Swing event thread may call it.
 */
public interface CallControl {

    /** Muted sends nothing at all (not encoded silence). */
    void setMuted(boolean muted);

    boolean isMuted();

    /** Playback volume of one peer, 0.0 (silent) to 2.0; 1.0 is unchanged. */
    void setPeerVolume(PeerId peer, double volume);

    /** Switches the microphone during the call; the old source is closed. */
    void switchAudioSource(AudioSource source);

    /** Switches the speaker during the call; the old sink is closed. */
    void switchAudioSink(AudioSink sink);

    /** Our own 30-digit fingerprint, in 5-digit groups. */
    String ownFingerprint();

    /** The 60-digit safety number with a verified peer, in 12 groups of 5; empty for unknown or failed peers. */
    Optional<String> safetyNumberWith(PeerId peer);

    /** The invite link of this call, secret included: for the user to copy, never to log. */
    String inviteLink();

    /** Leaves cleanly; a {@link CallEvent.CallEnded} follows. Idempotent. */
    void leave();
}
