package dev.parley.common.media;

import java.io.IOException;

/** A file is not a WAV file, or uses an encoding or layout {@link WavFileSource} cannot convert. */
public final class UnsupportedWavException extends IOException {
    public UnsupportedWavException(String message) {
        super(message);
    }
}
