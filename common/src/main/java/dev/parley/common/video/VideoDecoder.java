package dev.parley.common.video;

import dev.parley.common.domain.Decoded;

/**
 * Decodes the frames of one received stream. Used from one thread (the call's video receive
 * thread); not thread-safe. It is only ever given complete frames from verified senders, but their
 * bytes are still untrusted (a peer may be malicious): {@link #decode} returns a typed error for
 * anything it cannot decode and never throws, and a broken frame must never crash the JVM.
 */
public interface VideoDecoder extends AutoCloseable {

    VideoCodec codec();

    /** Decodes one complete frame into a picture, or says why it could not. */
    Decoded<Picture> decode(byte[] frame, boolean keyframe);

    @Override
    void close();
}
