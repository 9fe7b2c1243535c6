package dev.parley.client.video.codec;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import dev.parley.common.video.Picture;

/**
 * The first bytes of a VP8 frame (RFC 6386 section 9.1), read in Java before any byte reaches the
 * native decoder: a 3-byte tag (keyframe bit, version, show bit, first partition size) and, on a
 * keyframe, the start code and the picture size.
 *
 * @param keyframe           whether the frame decodes without earlier ones
 * @param width              picture width; 0 on a delta frame (it keeps the last keyframe's)
 * @param height             picture height; 0 on a delta frame
 * @param firstPartitionSize bytes of the first partition, which follow the header
 */
record Vp8FrameHeader(boolean keyframe, int width, int height, int firstPartitionSize) {
    /** Bytes before the first partition on a keyframe: tag, start code, width, height. */
    static final int KEYFRAME_HEADER_BYTES = 10;
    static final int DELTA_HEADER_BYTES = 3;

    /**
     * The header of {@code frame}, or why it cannot be a VP8 frame whose picture stays within
     * {@code maxPixels} pixels and {@link Picture#MAX_SIDE} on each side.
     */
    static Decoded<Vp8FrameHeader> parse(byte[] frame, int maxPixels) {
        if (frame == null || frame.length < DELTA_HEADER_BYTES) {
            return Decoded.failed(DecodeError.Reason.TRUNCATED, "The VP8 frame is too short to be a picture.");
        }
        int tag = (frame[0] & 0xFF) | (frame[1] & 0xFF) << 8 | (frame[2] & 0xFF) << 16;
        boolean keyframe = (tag & 1) == 0;
        int version = (tag >> 1) & 7;
        int firstPartitionSize = tag >>> 5;
        if (version > 3) {
            return Decoded.failed(DecodeError.Reason.BAD_HEADER, "The frame is not VP8 video (version " + version + ").");
        }
        int headerBytes = keyframe ? KEYFRAME_HEADER_BYTES : DELTA_HEADER_BYTES;
        if (frame.length < headerBytes || firstPartitionSize > frame.length - headerBytes) {
            return Decoded.failed(DecodeError.Reason.TRUNCATED, "The VP8 frame is cut short.");
        }
        if (!keyframe) {
            return Decoded.ok(new Vp8FrameHeader(false, 0, 0, firstPartitionSize));
        }
        if ((frame[3] & 0xFF) != 0x9D || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2A) {
            return Decoded.failed(DecodeError.Reason.BAD_HEADER, "The frame is not a VP8 keyframe (no start code).");
        }
        // 14 bits of size, 2 of upscaling hint
        int width = ((frame[6] & 0xFF) | (frame[7] & 0xFF) << 8) & 0x3FFF;
        int height = ((frame[8] & 0xFF) | (frame[9] & 0xFF) << 8) & 0x3FFF;
        if (width == 0 || height == 0) {
            return Decoded.failed(DecodeError.Reason.INVALID, "The VP8 keyframe declares no pixels.");
        }
        if (width > Picture.MAX_SIDE || height > Picture.MAX_SIDE || (long) width * height > maxPixels) {
            return Decoded.failed(DecodeError.Reason.TOO_LARGE, "The VP8 picture is too large (" + width + "x" + height + " pixels).");
        }
        return Decoded.ok(new Vp8FrameHeader(true, width, height, firstPartitionSize));
    }
}
