package dev.parley.common.wire;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;

import java.util.Arrays;

/**
 * The plaintext of one video datagram (PROTOCOL.md section 6): {@code u32(frame_id) ||
 * u16(chunk_index) || u16(chunk_count) || u8(flags) || u8(codec) || chunk bytes}.
 *
 * <p>Rules beyond the byte layout, enforced by the constructor and by {@link #decode}:
 * {@code chunk_count >= 1}, {@code chunk_index < chunk_count}, codec 1 (VP8), 2 (JPEG) or 3 (H.264
 * Annex B), and at most {@link #MAX_BYTES} chunk bytes so the datagram stays within 1,100 bytes.
 * Flags: bit 0 keyframe, bit 1 screen share, bit 2 end of stream; other bits are kept and ignored.
 * An empty chunk is allowed (an end-of-stream chunk has none).
 *
 * @param frameId    frame counter, 0..2^32-1
 * @param chunkIndex 0..chunkCount-1
 * @param chunkCount 1..65535
 * @param flags      u8; bit 0 keyframe, bit 1 screen share, bit 2 end of stream
 * @param codec      {@link #VP8}, {@link #JPEG} or {@link #H264}
 * @param bytes      this chunk of the encoded frame
 */
public record VideoChunk(long frameId, int chunkIndex, int chunkCount, int flags, int codec, byte[] bytes) {
    public static final int HEADER_LENGTH = 10;
    public static final int MAX_BYTES = MediaDatagrams.MAX_PLAINTEXT - HEADER_LENGTH;
    public static final int FLAG_KEYFRAME = 0x01;
    public static final int FLAG_SCREEN = 0x02;
    public static final int FLAG_END_OF_STREAM = 0x04;
    public static final int VP8 = 1;
    public static final int JPEG = 2;
    public static final int H264 = 3;

    public VideoChunk {
        String problem = problem(frameId, chunkIndex, chunkCount, flags, codec, bytes.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        bytes = bytes.clone();
    }

    public boolean keyframe() {
        return (flags & FLAG_KEYFRAME) != 0;
    }

    public boolean screen() {
        return (flags & FLAG_SCREEN) != 0;
    }

    public boolean endOfStream() {
        return (flags & FLAG_END_OF_STREAM) != 0;
    }

    /** Writes the 10-byte chunk header at {@code dst[off..]} (the sender's hot path: no record, no copy). */
    public static void writeHeader(long frameId, int chunkIndex, int chunkCount, int flags, int codec,
                                   byte[] dst, int off) {
        dst[off] = (byte) (frameId >>> 24);
        dst[off + 1] = (byte) (frameId >>> 16);
        dst[off + 2] = (byte) (frameId >>> 8);
        dst[off + 3] = (byte) frameId;
        dst[off + 4] = (byte) (chunkIndex >>> 8);
        dst[off + 5] = (byte) chunkIndex;
        dst[off + 6] = (byte) (chunkCount >>> 8);
        dst[off + 7] = (byte) chunkCount;
        dst[off + 8] = (byte) flags;
        dst[off + 9] = (byte) codec;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The plaintext bytes. */
    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + bytes.length];
        writeHeader(frameId, chunkIndex, chunkCount, flags, codec, out, 0);
        System.arraycopy(bytes, 0, out, HEADER_LENGTH, bytes.length);
        return out;
    }

    /** The chunk that is all of {@code plaintext}. Never throws. */
    public static Decoded<VideoChunk> decode(byte[] plaintext) {
        if (plaintext == null) {
            return Decoded.failed(Reason.TRUNCATED, "no video plaintext");
        }
        return decode(plaintext, 0, plaintext.length);
    }

    /** The chunk that is exactly {@code buf[offset, offset+length)}. Never throws. */
    public static Decoded<VideoChunk> decode(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < 0 || offset > buf.length - length) {
            return Decoded.failed(Reason.INVALID, "offset and length do not fit the buffer");
        }
        if (length < HEADER_LENGTH) {
            return Decoded.failed(Reason.TRUNCATED, "video plaintext of " + length + " bytes is shorter than its "
                    + HEADER_LENGTH + "-byte header");
        }
        if (length - HEADER_LENGTH > MAX_BYTES) {
            return Decoded.failed(Reason.TOO_LARGE, "video chunk of " + (length - HEADER_LENGTH) + " bytes exceeds "
                    + MAX_BYTES);
        }
        long frameId = ((buf[offset] & 0xFFL) << 24) | ((buf[offset + 1] & 0xFF) << 16)
                | ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
        int chunkIndex = ((buf[offset + 4] & 0xFF) << 8) | (buf[offset + 5] & 0xFF);
        int chunkCount = ((buf[offset + 6] & 0xFF) << 8) | (buf[offset + 7] & 0xFF);
        int flags = buf[offset + 8] & 0xFF;
        int codec = buf[offset + 9] & 0xFF;
        String problem = problem(frameId, chunkIndex, chunkCount, flags, codec, length - HEADER_LENGTH);
        if (problem != null) {
            return Decoded.failed(Reason.OUT_OF_RANGE, problem);
        }
        return Decoded.ok(new VideoChunk(frameId, chunkIndex, chunkCount, flags, codec,
                Arrays.copyOfRange(buf, offset + HEADER_LENGTH, offset + length)));
    }

    private static String problem(long frameId, int chunkIndex, int chunkCount, int flags, int codec, int length) {
        if (frameId < 0 || frameId > 0xFFFF_FFFFL) {
            return "frame_id must be in 0..2^32-1, got " + frameId;
        }
        if (chunkCount < 1 || chunkCount > 0xFFFF) {
            return "chunk_count must be in 1..65535, got " + chunkCount;
        }
        if (chunkIndex < 0 || chunkIndex >= chunkCount) {
            return "chunk_index " + chunkIndex + " is not below chunk_count " + chunkCount;
        }
        if (flags < 0 || flags > 0xFF) {
            return "flags must be a byte, got " + flags;
        }
        if (codec < VP8 || codec > H264) {
            return "codec " + codec + " is not 1 (VP8), 2 (JPEG) or 3 (H.264)";
        }
        if (length > MAX_BYTES) {
            return "chunk of " + length + " bytes exceeds " + MAX_BYTES;
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoChunk c && frameId == c.frameId && chunkIndex == c.chunkIndex
                && chunkCount == c.chunkCount && flags == c.flags && codec == c.codec && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return (int) frameId * 31 * 31 + chunkIndex * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "VideoChunk[frameId=" + frameId + ", chunk=" + chunkIndex + "/" + chunkCount + ", flags=" + flags
                + ", codec=" + codec + ", bytes=" + bytes.length + "]";
    }
}
