package dev.parley.common.call;

import dev.parley.common.domain.PeerId;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoStreamKind;

/**
 * One received video stream over the last report interval (rates) and since it started (counts).
 *
 * @param peerId                 the sender
 * @param ssrc                   the stream
 * @param kind                   camera or screen
 * @param codec                  codec of the last frame, or null before the first
 * @param bitrate                bit/s received
 * @param fps                    frames decoded per second
 * @param width                  width of the last decoded picture, 0 before the first
 * @param height                 height of the last decoded picture
 * @param framesDecoded          frames decoded and shown
 * @param framesDropped          frames given up: incomplete, late, undecodable, or waiting for a keyframe
 * @param keyframeRequestsSent   VideoKeyframeRequests we sent for it
 */
public record VideoStreamStats(PeerId peerId, long ssrc, VideoStreamKind kind, VideoCodec codec, long bitrate,
                               double fps, int width, int height, long framesDecoded, long framesDropped,
                               long keyframeRequestsSent) {
}
