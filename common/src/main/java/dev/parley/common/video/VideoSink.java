package dev.parley.common.video;

import dev.parley.common.domain.PeerId;

/**
 * Where a call's decoded video goes (tiles on screen, PNG files, a test). Called on the call's
 * video threads, never on the Swing event thread: implementations hand pictures over and return at
 * once, never blocking on a UI or a disk for longer than a frame.
 */
public interface VideoSink {

    /** A decoded picture of {@code peer}'s stream {@code ssrc}. */
    void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing);

    /**
     * The stream ended: its sender sent end of stream, nothing arrived for 3 s, or the peer left.
     * Show the person's initials (camera) or close the main view (screen).
     */
    void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind);

    /** Our own outgoing picture, as sent (before mirroring: a self view mirrors it itself). */
    default void onOwnPicture(VideoStreamKind kind, Picture picture) {
    }

    /** Our own stream of {@code kind} stopped (turned off, or its device failed: {@code reason} says why). */
    default void onOwnStreamEnded(VideoStreamKind kind, String reason) {
    }

    /** A sink that discards everything. */
    VideoSink NONE = new VideoSink() {
        @Override
        public void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing) {
        }

        @Override
        public void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind) {
        }
    };
}
