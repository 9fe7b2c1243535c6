package dev.parley.common.media;

import dev.parley.common.domain.MediaHeader;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an encoded video frame into chunks that each fit one media datagram: 38-byte header +
 * 10-byte chunk header ({@code u32 frame_id || u16 chunk_index || u16 chunk_count || u8 flags ||
 * u8 codec}) + chunk bytes + 16-byte tag <= 1,100, so at most {@value #MAX_CHUNK_BYTES} bytes per
 * chunk. Chunks are of near-equal size (a 1,040-byte frame becomes 520 + 520, not
 * 1,034 + 6). Stateless and thread-safe.
 */
public final class VideoChunker {
    public static final int CHUNK_HEADER_BYTES = 10;
    public static final int MAX_CHUNK_BYTES =
            MediaHeader.MAX_DATAGRAM - MediaHeader.LENGTH - MediaHeader.TAG_LENGTH - CHUNK_HEADER_BYTES;
    public static final int MAX_CHUNKS = 0xFFFF;

    private final int maxChunkBytes;

    public VideoChunker() {
        this(MAX_CHUNK_BYTES);
    }

    /** A chunker with smaller chunks, e.g. for a path with a smaller datagram limit. */
    public VideoChunker(int maxChunkBytes) {
        if (maxChunkBytes < 1 || maxChunkBytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunk size must be in 1.." + MAX_CHUNK_BYTES);
        }
        this.maxChunkBytes = maxChunkBytes;
    }

    /**
     * Splits {@code frame[offset, offset + length)}; the fragments view that array.
     *
     * @throws IllegalArgumentException when the frame needs more than {@value #MAX_CHUNKS} chunks
     */
    public List<VideoFragment> split(long frameId, boolean keyframe, int codec, byte[] frame, int offset, int length) {
        return split(frameId, keyframe ? VideoFragment.FLAG_KEYFRAME : 0, codec, frame, offset, length);
    }

    /** As {@link #split(long, boolean, int, byte[], int, int)} with every flag bit given. */
    public List<VideoFragment> split(long frameId, int flags, int codec, byte[] frame, int offset, int length) {
        int count = Math.max(1, (length + maxChunkBytes - 1) / maxChunkBytes);
        if (count > MAX_CHUNKS) {
            throw new IllegalArgumentException("a frame of " + length + " bytes needs more than "
                    + MAX_CHUNKS + " chunks");
        }
        List<VideoFragment> chunks = new ArrayList<>(count);
        int base = length / count;
        int larger = length % count; // the first `larger` chunks take one byte more
        int p = offset;
        for (int i = 0; i < count; i++) {
            int n = base + (i < larger ? 1 : 0);
            chunks.add(new VideoFragment(frameId, i, count, flags, codec, frame, p, n));
            p += n;
        }
        return chunks;
    }

    public List<VideoFragment> split(long frameId, boolean keyframe, int codec, byte[] frame) {
        return split(frameId, keyframe, codec, frame, 0, frame.length);
    }
}
