package dev.parley.client.video.camera;

import java.io.IOException;

/** A camera could not be listed, opened or read. The message is a sentence for the user. */
public class CameraException extends IOException {
    private static final long serialVersionUID = 1L;

    public CameraException(String message) {
        super(message);
    }

    public CameraException(String message, Throwable cause) {
        super(message, cause);
    }
}
