package dev.parley.common.video;

import java.io.IOException;

/**
 * Where a video stream's pictures come from: a camera, a screen, a test pattern. {@link #next()}
 * blocks until the next picture has been captured, at the source's own pace, on the stream's send
 * thread; the call may skip pictures to lower the frame rate.
 */
public interface VideoSource extends AutoCloseable {

    /** Camera or screen: decides the stream's flag and how it gives way under congestion. */
    VideoStreamKind kind();

    /** The rate at which {@link #next()} delivers pictures, 1..60. */
    int frameRate();

    /**
     * The next picture, blocking until it is captured.
     *
     * @return null at the end of the source (a test pattern with a frame limit)
     * @throws IOException when the device fails; the message is a sentence for a person
     */
    Picture next() throws IOException, InterruptedException;

    @Override
    void close();
}
