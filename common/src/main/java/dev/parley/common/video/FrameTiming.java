package dev.parley.common.video;

/**
 * Where a received frame came from and when.
 *
 * @param frameId          the sender's frame id
 * @param captureTimestamp the datagram timestamp: capture time on the sender's 90 kHz clock
 * @param arrivalNanos     {@code System.nanoTime()} when the last chunk of the frame arrived
 * @param decodedNanos     {@code System.nanoTime()} when the picture was decoded
 * @param codec            the codec it was sent with
 * @param keyframe         whether it was a keyframe
 */
public record FrameTiming(long frameId, long captureTimestamp, long arrivalNanos, long decodedNanos,
                          VideoCodec codec, boolean keyframe) {
}
