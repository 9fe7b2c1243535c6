package dev.parley.common.call;

import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoStreamKind;

/**
 * One stream we send, over the last report interval (rates) and since it started (counts).
 *
 * @param kind                      camera or screen
 * @param codec                     the codec in use
 * @param bitrate                   bit/s sent
 * @param targetBitrate             the encoder's current target, bit/s
 * @param fps                       frames sent per second
 * @param width                     width of the pictures sent
 * @param height                    height of the pictures sent
 * @param framesSent                frames sent
 * @param keyframesSent             keyframes among them
 * @param keyframeRequestsReceived  VideoKeyframeRequests for this stream
 * @param keyframeRequestsAnswered  requests answered with a keyframe (several requests within a second share one)
 */
public record VideoSendStats(VideoStreamKind kind, VideoCodec codec, long bitrate, int targetBitrate, double fps,
                             int width, int height, long framesSent, long keyframesSent,
                             long keyframeRequestsReceived, long keyframeRequestsAnswered) {
}
