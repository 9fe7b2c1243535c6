package dev.parley.common.call;

import dev.parley.common.domain.PeerId;
import dev.parley.common.media.VideoReassembler;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoStreamKind;

/**
 * One video stream we receive, (sender, ssrc), on the video receive thread: its reassembly (the
 * video jitter buffer: complete frames out in order, late and incomplete ones dropped), its decoder,
 * whether it waits for a keyframe, and its figures.
 */
final class IncomingVideoStream {
    final PeerId sender;
    final long ssrc;
    final VideoStreamKind kind;
    final VideoReassembler frames = new VideoReassembler();
    private final ArrivalStats arrivals = new ArrivalStats(90_000);
    VideoDecoder decoder;
    VideoCodec codec;
    /** Nothing decodable until a keyframe: joined midway, or a frame was lost or failed to decode. */
    boolean awaitingKeyframe = true;
    boolean hasDecoded;
    long lastDecodedFrame = -1;
    long lastPacketAt;
    long lastKeyframeRequestAt = Long.MIN_VALUE / 2;
    /** The last frame's capture timestamp and the arrival of its last chunk. */
    long frameTimestamp;
    long frameArrival;

    // figures: written here, read by the report under this object's lock
    long framesDecoded;
    long framesDropped;
    long keyframeRequests;
    long intervalDecoded;
    int width;
    int height;
    /** The interval {@link #closeInterval} closed last: its loss joins the sender's ReceiverReport. */
    ArrivalStats.Interval lastInterval = new ArrivalStats.Interval(0, 0, 0, 0);

    IncomingVideoStream(PeerId sender, long ssrc, VideoStreamKind kind, long now) {
        this.sender = sender;
        this.ssrc = ssrc;
        this.kind = kind;
        this.lastPacketAt = now;
    }

    synchronized void onPacket(long packetIndex, long timestamp, long arrival, int bytes) {
        arrivals.onPacket(packetIndex, timestamp, arrival, bytes);
    }

    synchronized void onDecoded(int width, int height) {
        framesDecoded++;
        intervalDecoded++;
        this.width = width;
        this.height = height;
    }

    synchronized void onDropped() {
        framesDropped++;
    }

    synchronized void onKeyframeRequested() {
        keyframeRequests++;
    }

    /** Figures over the last {@code seconds}, closing the interval. */
    synchronized VideoStreamStats closeInterval(double seconds) {
        ArrivalStats.Interval interval = arrivals.closeInterval(seconds);
        lastInterval = interval;
        double fps = seconds <= 0 ? 0 : intervalDecoded / seconds;
        intervalDecoded = 0;
        return new VideoStreamStats(sender, ssrc, kind, codec, interval.bitrate(), fps, width, height,
                framesDecoded, framesDropped, keyframeRequests);
    }

    void close() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }
}
