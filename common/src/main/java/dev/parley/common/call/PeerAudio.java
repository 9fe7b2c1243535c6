package dev.parley.common.call;

import dev.parley.common.media.JitterBuffer;
import dev.parley.common.media.LevelMeter;
import dev.parley.common.media.OpusAudioDecoder;
import dev.parley.common.media.PlayoutKind;

/**
 * One sender's audio stream on the receive thread: jitter buffer, Opus decoder (PLC and FEC) and
 * level meter. A new ssrc (the sender rejoined) starts a fresh stream.
 */
final class PeerAudio {
    final long ssrc;
    final JitterBuffer jitter;
    final LevelMeter level = new LevelMeter();

    PeerAudio(long ssrc) {
        this.ssrc = ssrc;
        this.jitter = new JitterBuffer(new OpusAudioDecoder());
    }

    /** Plays one tick into {@code out}; true when the frame carries sound. */
    boolean play(long now, short[] out) {
        PlayoutKind kind = jitter.poll(now, out);
        level.update(out);
        return kind != PlayoutKind.SILENCE;
    }
}
