package dev.parley.common.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds one sender's video frames from chunks that may arrive out of order, twice, or never.
 * At most {@code maxFramesInFlight} partial frames are kept (the oldest goes first); when a frame
 * completes, every older partial frame is given up, and chunks of frames older than the newest
 * completed one are dropped. So frames come out in increasing id order, with gaps where frames
 * were lost; {@link #keyframeNeeded()} then says a decoder of an inter-coded stream should ask the
 * sender for a keyframe (the {@code VideoKeyframeRequest} message). Frame ids compare with 32-bit
 * wrap-around. Not thread-safe: one instance per sender stream, used from one thread.
 */
public final class VideoReassembler {
    private final int maxFramesInFlight;
    private final int maxFrameBytes;
    private final List<Partial> inFlight = new ArrayList<>();
    private boolean haveCompleted;
    private long lastCompleted;
    private boolean keyframeNeeded;
    private boolean keyframeSeen;
    private long completed;
    private long incomplete;
    private long stale;
    private long duplicates;
    private long malformed;

    /** Eight frames in flight, frames up to 4 MiB. */
    public VideoReassembler() {
        this(8, 4 << 20);
    }

    public VideoReassembler(int maxFramesInFlight, int maxFrameBytes) {
        if (maxFramesInFlight < 1 || maxFrameBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFramesInFlight = maxFramesInFlight;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Offers one chunk (its bytes are copied); returns the frame it completes, if any. */
    public Optional<VideoFrame> offer(VideoFragment chunk) {
        return offer(chunk.frameId(), chunk.index(), chunk.count(), chunk.flags(), chunk.codec(),
                chunk.data(), chunk.offset(), chunk.length());
    }

    /** Offers one chunk given as the fields of its chunk header (its bytes are copied). */
    public Optional<VideoFrame> offer(long frameId, int index, int count, int flags, int codec,
                                      byte[] data, int offset, int length) {
        if (count < 1 || index < 0 || index >= count || length > maxFrameBytes || count > maxFrameBytes) {
            malformed++;
            return Optional.empty();
        }
        if (haveCompleted && !isNewer(frameId, lastCompleted)) {
            stale++;
            return Optional.empty();
        }
        Partial frame = find(frameId);
        if (frame == null) {
            frame = admit(frameId, count, flags, codec);
            if (frame == null) {
                stale++;
                return Optional.empty();
            }
        }
        if (frame.count != count || frame.flags != flags || frame.codec != codec
                || frame.bytes + length > maxFrameBytes) {
            malformed++;
            giveUp(frame);
            return Optional.empty();
        }
        if (frame.chunks[index] != null) {
            duplicates++;
            return Optional.empty();
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        frame.chunks[index] = copy;
        frame.received++;
        frame.bytes += length;
        return frame.received == count ? Optional.of(complete(frame)) : Optional.empty();
    }

    /**
     * True when a frame was lost since the last keyframe came out, or a delta frame came out before any
     * keyframe: an inter-coded stream cannot decode cleanly until the next keyframe. Cleared by the
     * next completed keyframe. (Meaningless for JPEG, where every frame stands alone.)
     */
    public boolean keyframeNeeded() {
        return keyframeNeeded;
    }

    /** Partial frames currently held. */
    public int framesInFlight() {
        return inFlight.size();
    }

    public VideoReassemblyStats stats() {
        return new VideoReassemblyStats(completed, incomplete, stale, duplicates, malformed);
    }

    private Partial find(long frameId) {
        for (Partial p : inFlight) {
            if (p.frameId == frameId) {
                return p;
            }
        }
        return null;
    }

    /** Makes room for a new partial frame; null when it would itself be the oldest of too many. */
    private Partial admit(long frameId, int count, int flags, int codec) {
        if (inFlight.size() >= maxFramesInFlight) {
            Partial oldest = inFlight.get(0);
            for (Partial p : inFlight) {
                if (isNewer(oldest.frameId, p.frameId)) {
                    oldest = p;
                }
            }
            if (isNewer(oldest.frameId, frameId)) {
                return null;
            }
            giveUp(oldest);
        }
        Partial p = new Partial(frameId, count, flags, codec);
        inFlight.add(p);
        return p;
    }

    private VideoFrame complete(Partial frame) {
        inFlight.remove(frame);
        inFlight.removeIf(p -> {
            boolean older = isNewer(frame.frameId, p.frameId);
            if (older) {
                incomplete++;
                keyframeNeeded = true;
            }
            return older;
        });
        if (haveCompleted && frame.frameId != ((lastCompleted + 1) & 0xFFFF_FFFFL)) {
            keyframeNeeded = true; // frames in between never completed
        }
        boolean keyframe = (frame.flags & VideoFragment.FLAG_KEYFRAME) != 0;
        if (keyframe) {
            keyframeNeeded = false;
            keyframeSeen = true;
        } else if (!keyframeSeen) {
            keyframeNeeded = true; // joined mid-stream: delta frames cannot decode yet
        }
        haveCompleted = true;
        lastCompleted = frame.frameId;
        completed++;
        byte[] data = new byte[frame.bytes];
        int p = 0;
        for (byte[] chunk : frame.chunks) {
            System.arraycopy(chunk, 0, data, p, chunk.length);
            p += chunk.length;
        }
        return new VideoFrame(frame.frameId, keyframe, frame.codec, data);
    }

    private void giveUp(Partial frame) {
        inFlight.remove(frame);
        incomplete++;
        keyframeNeeded = true;
    }

    /** Whether frame id {@code a} comes after {@code b}, modulo 2^32. */
    private static boolean isNewer(long a, long b) {
        return (int) (a - b) > 0;
    }

    private static final class Partial {
        final long frameId;
        final int count;
        final int flags;
        final int codec;
        final byte[][] chunks;
        int received;
        int bytes;

        Partial(long frameId, int count, int flags, int codec) {
            this.frameId = frameId;
            this.count = count;
            this.flags = flags;
            this.codec = codec;
            this.chunks = new byte[count][];
        }
    }
}
