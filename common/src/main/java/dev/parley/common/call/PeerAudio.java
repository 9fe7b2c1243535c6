package dev.parley.common.call;

import dev.parley.common.media.JitterBuffer;
import dev.parley.common.media.JitterBufferConfig;
import dev.parley.common.media.LevelMeter;
import dev.parley.common.media.OpusAudioDecoder;
import dev.parley.common.media.PlayoutKind;

/**
 * One sender's audio stream on the receive thread: jitter buffer, Opus decoder (PLC and FEC) and
 * level meter. A new ssrc (the sender rejoined) starts a fresh stream.
 */
final class PeerAudio {
    /**
     * The media package's defaults with a 40 ms floor instead of one frame: a desktop shares its
     * cores, and scheduling stalls of a few tens of milliseconds are common there; each one below the
     * floor costs a concealed frame. 40 ms keeps mouth-to-ear well inside the 80 ms budget. Time
     * stretching is on: the delay late packets made it wait for is shed while the talker talks; an excess
     * a stall of this thread left (100-400 ms while a fresh JVM compiles) is dropped in pauses, as at fixed
     * speed, so the talker's timeline does not move under them.
     */
    static final JitterBufferConfig CONFIG = new JitterBufferConfig(40, 200, 3000, 0.95, 5, 10, 64, 1275, true);

    final long ssrc;
    final JitterBuffer jitter;
    final LevelMeter level = new LevelMeter();

    PeerAudio(long ssrc) {
        this.ssrc = ssrc;
        this.jitter = new JitterBuffer(new OpusAudioDecoder(), CONFIG);
    }

    /** Plays one tick into {@code out}; true when the frame carries sound. */
    boolean play(long now, short[] out) {
        PlayoutKind kind = jitter.poll(now, out);
        level.update(out);
        return kind != PlayoutKind.SILENCE;
    }
}
