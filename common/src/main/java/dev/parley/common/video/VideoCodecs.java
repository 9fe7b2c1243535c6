package dev.parley.common.video;

import java.util.Optional;

/**
 * Where a call gets its codecs. The desktop client offers VP8 (native libvpx) and JPEG; JPEG needs
 * nothing but the JDK ({@link JpegCodecs}) and is the fallback wherever the natives cannot load.
 */
public interface VideoCodecs {

    /**
     * A new encoder of {@code codec}.
     *
     * @throws VideoCodecException when this platform cannot encode it (natives missing); the message says why
     */
    VideoEncoder newEncoder(VideoCodec codec, EncoderSettings settings) throws VideoCodecException;

    /** A new decoder of {@code codec}, or empty when this platform cannot decode it. */
    Optional<VideoDecoder> newDecoder(VideoCodec codec);
}
