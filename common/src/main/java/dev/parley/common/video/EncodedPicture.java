package dev.parley.common.video;

/**
 * One encoded frame as an encoder produced it.
 *
 * @param data     the encoded bytes; owned by this record once made
 * @param keyframe whether it decodes without any earlier frame
 */
public record EncodedPicture(byte[] data, boolean keyframe) {
    public EncodedPicture {
        if (data == null) {
            throw new IllegalArgumentException("an encoded picture has bytes");
        }
    }
}
