package dev.parley.common.video;

import java.util.Optional;

/**
 * JPEG only: the codecs every Java runtime has. The CLI and tests use it as is; the desktop
 * client's native codecs delegate their JPEG to it.
 */
public final class JpegCodecs implements VideoCodecs {

    @Override
    public VideoEncoder newEncoder(VideoCodec codec, EncoderSettings settings) throws VideoCodecException {
        if (codec != VideoCodec.JPEG) {
            throw new VideoCodecException(codec + " video cannot be sent from here; only JPEG can.");
        }
        return new JpegEncoder(settings);
    }

    @Override
    public Optional<VideoDecoder> newDecoder(VideoCodec codec) {
        return codec == VideoCodec.JPEG ? Optional.of(new JpegDecoder()) : Optional.empty();
    }
}
