package dev.parley.common.media;

/** An audio codec refused its input: a corrupt packet, or a setting the codec rejects. */
public final class MediaCodecException extends RuntimeException {
    public MediaCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
