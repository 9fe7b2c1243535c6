/**
 * Video without the network: pictures, the ports a call's video flows through (a
 * {@link dev.parley.common.video.VideoSource} of pictures, a {@link dev.parley.common.video.VideoSink}
 * of decoded pictures), the codec ports ({@link dev.parley.common.video.VideoEncoder},
 * {@link dev.parley.common.video.VideoDecoder}, {@link dev.parley.common.video.VideoCodecs}), the
 * JPEG codec that needs nothing but the JDK, scaling, and the test pattern. Native codecs (VP8) and
 * devices (camera, screen) are adapters outside {@code common}. Depends on {@code domain} only.
 */
package dev.parley.common.video;
