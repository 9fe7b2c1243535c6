package dev.parley.common.call;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.domain.PeerId;

import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

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

    /**
     * Starts sending video from {@code source}: the camera or a screen share, by the source's kind,
     * replacing a running stream of that kind. Returns at once; if the source or the codec fails,
     * {@link dev.parley.common.video.VideoSink#onOwnStreamEnded} says why. Without video codecs
     * the source is closed and nothing is sent.
     */
    void startVideo(VideoSource source);

    /** Stops our stream of {@code kind}; receivers are told it ended (end of stream). */
    void stopVideo(VideoStreamKind kind);

    /** Whether we are sending a stream of {@code kind}. */
    boolean isSendingVideo(VideoStreamKind kind);

    /** Our own 30-digit fingerprint, in 5-digit groups. */
    String ownFingerprint();

    /** The 60-digit safety number with a verified peer, in 12 groups of 5; empty for unknown or failed peers. */
    Optional<String> safetyNumberWith(PeerId peer);

    /** The invite link of this call, secret included: for the user to copy, never to log. */
    String inviteLink();

    /** Leaves cleanly; a {@link CallEvent.CallEnded} follows. Idempotent. */
    void leave();
}
