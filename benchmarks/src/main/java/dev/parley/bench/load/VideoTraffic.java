package dev.parley.bench.load;

import dev.parley.common.domain.MediaHeader;
import dev.parley.common.media.VideoChunker;

/**
 * The shape of one member's synthetic video stream: {@code frameRate} frames a second of
 * {@code bitrate / 8 / frameRate} bytes, every {@code keyframeIntervalFrames}-th one a keyframe of
 * {@value #KEYFRAME_FACTOR} times that, each frame split as the real sender splits it
 * ({@link VideoChunker}: near-equal chunks of at most {@value VideoChunker#MAX_CHUNK_BYTES} bytes, each
 * in one datagram of 38 header + 10 chunk header + chunk + 16 tag bytes, at most 1,100).
 *
 * <p>Keyframes are staggered over all members by default; {@code keyframesTogether} makes the
 * members of a room send theirs in the same frame slot (within one frame period of each other, as
 * their frame clocks are apart), as after a newcomer's join makes every sender rotate its key and
 * send a keyframe (PROTOCOL.md section 6): the worst burst a member's queue at the relay sees.
 *
 * @param bitrate           target of the delta frames, bit/s; 0 means no video
 * @param frameRate         frames a second
 * @param keyframesTogether a room's members send their keyframes in the same frame slot
 */
record VideoTraffic(int bitrate, int frameRate, boolean keyframesTogether) {
    /** A keyframe is about this many delta frames (VP8 at 500 kbit/s: 23 KB against 4 KB, FACTS.md). */
    static final int KEYFRAME_FACTOR = 6;
    /** A keyframe every 10 s, as the real sender without requests. */
    static final int KEYFRAME_INTERVAL_SECONDS = 10;
    /** The 90 kHz media clock of video timestamps (PROTOCOL.md section 6). */
    static final int CLOCK_RATE = 90_000;
    /** What a chunk's datagram adds to its bytes: header, chunk header and AEAD tag. */
    static final int DATAGRAM_OVERHEAD = MediaHeader.LENGTH + VideoChunker.CHUNK_HEADER_BYTES + MediaHeader.TAG_LENGTH;

    static final VideoTraffic OFF = new VideoTraffic(0, 15, false);

    VideoTraffic {
        if (bitrate < 0 || frameRate < 1 || frameRate > 60) {
            throw new IllegalArgumentException("video bitrate must be >= 0 and frame rate in 1..60");
        }
        if (bitrate > 0 && bitrate / 8 / frameRate < 1) {
            throw new IllegalArgumentException("video bitrate " + bitrate + " is less than a byte a frame");
        }
    }

    boolean on() {
        return bitrate > 0;
    }

    long framePeriodNanos() {
        return 1_000_000_000L / frameRate;
    }

    int keyframeIntervalFrames() {
        return KEYFRAME_INTERVAL_SECONDS * frameRate;
    }

    /**
     * The member at {@code position} (of {@code total}, in room {@code room} of {@code rooms})
     * sends a keyframe in frame k when k + this is a multiple of the keyframe interval.
     */
    int keyframeOffset(int position, int total, int room, int rooms) {
        int interval = keyframeIntervalFrames();
        return keyframesTogether ? (int) ((long) room * interval / rooms) : (int) ((long) position * interval / total);
    }

    /** Encoded bytes of a frame. */
    int frameBytes(boolean keyframe) {
        int delta = bitrate / 8 / frameRate;
        return keyframe ? KEYFRAME_FACTOR * delta : delta;
    }

    /** Datagrams a frame of {@code frameBytes} takes (as {@link VideoChunker#split}). */
    static int chunkCount(int frameBytes) {
        return Math.max(1, (frameBytes + VideoChunker.MAX_CHUNK_BYTES - 1) / VideoChunker.MAX_CHUNK_BYTES);
    }

    /** Length of chunk {@code i}'s datagram: the first {@code frameBytes % count} chunks take one byte more. */
    static int datagramLength(int frameBytes, int count, int i) {
        return DATAGRAM_OVERHEAD + frameBytes / count + (i < frameBytes % count ? 1 : 0);
    }

    /** Video timestamp step from frame to frame on the 90 kHz clock. */
    long ticksPerFrame() {
        return CLOCK_RATE / frameRate;
    }
}
