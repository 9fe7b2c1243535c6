package dev.parley.common.video;

/**
 * Encodes pictures of one stream. Used from one thread (the stream's send thread); not thread-safe.
 * An encoder given a picture of another size than the last starts over with a keyframe.
 */
public interface VideoEncoder extends AutoCloseable {

    VideoCodec codec();

    /**
     * Encodes one picture.
     *
     * @param keyframe force a keyframe (a keyframe request, a key rotation, a new viewer)
     * @return the encoded frame; its {@code keyframe} flag says what the encoder produced
     * @throws VideoCodecException when the codec fails; the stream then stops with a sentence for the user
     */
    EncodedPicture encode(Picture picture, boolean keyframe) throws VideoCodecException;

    /** Changes the target bitrate, bit/s, from the next frame on. */
    void setBitrate(int bitrate);

    @Override
    void close();
}
