package dev.parley.common.media;

/**
 * A reassembled encoded video frame. The array is owned by the frame (equality is by identity).
 *
 * @param frameId  the sender's frame id
 * @param keyframe whether the sender flagged it as a keyframe
 * @param codec    the codec byte ({@link VideoFragment#CODEC_VP8} ...)
 * @param data     the encoded frame
 */
public record VideoFrame(long frameId, boolean keyframe, int codec, byte[] data) {
}
