package dev.parley.common.media;

/**
 * One chunk of an encoded video frame: the fields of the 12-byte chunk header of PROTOCOL.md section 6
 * ({@code u32 frame_id || u16 chunk_index || u16 chunk_count || u8 flags || u8 codec}) and a view of its
 * bytes. The bytes are not copied: {@code data[offset, offset + length)} is the caller's frame buffer.
 *
 * @param frameId    0..2^32-1, increasing by one per frame of the stream
 * @param index      0..count-1
 * @param count      1..65535 chunks in the frame
 * @param flags      0..255; bit 0 = keyframe
 * @param codec      0..255; 1 VP8, 2 JPEG, 3 H.264 Annex B
 */
public record VideoFragment(long frameId, int index, int count, int flags, int codec,
                            byte[] data, int offset, int length) {
    public static final int FLAG_KEYFRAME = 1;
    public static final int CODEC_VP8 = 1;
    public static final int CODEC_JPEG = 2;
    public static final int CODEC_H264 = 3;

    public VideoFragment {
        if (frameId < 0 || frameId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("frame_id must be in 0..2^32-1, got " + frameId);
        }
        if (count < 1 || count > 0xFFFF || index < 0 || index >= count) {
            throw new IllegalArgumentException("chunk " + index + " of " + count + " is out of range");
        }
        if (flags < 0 || flags > 0xFF || codec < 0 || codec > 0xFF) {
            throw new IllegalArgumentException("flags and codec are bytes");
        }
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("chunk bytes outside the buffer");
        }
    }

    public boolean keyframe() {
        return (flags & FLAG_KEYFRAME) != 0;
    }
}
