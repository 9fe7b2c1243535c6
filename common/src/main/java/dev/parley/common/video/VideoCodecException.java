package dev.parley.common.video;

/** A codec could not be created or failed to encode; the message is a sentence for a person. */
public final class VideoCodecException extends Exception {
    public VideoCodecException(String message) {
        super(message);
    }

    public VideoCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
