package dev.parley.common.call;

import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoStreamKind;

import java.util.concurrent.atomic.LongAdder;

/** What one outgoing video stream sent: written by its send thread, read once a second for stats. */
final class VideoSendCounters {
    final LongAdder requestsReceived = new LongAdder();
    final LongAdder requestsAnswered = new LongAdder();
    private long frames;
    private long keyframes;
    private long intervalFrames;
    private long intervalBytes;
    private int width;
    private int height;

    synchronized void onFrame(boolean keyframe, int bytes, int width, int height) {
        frames++;
        intervalFrames++;
        intervalBytes += bytes;
        if (keyframe) {
            keyframes++;
        }
        this.width = width;
        this.height = height;
    }

    /** The stream's figures, closing the current rate interval of {@code seconds}. */
    synchronized VideoSendStats snapshot(VideoStreamKind kind, VideoCodec codec, int target,
                                         VideoRateControl.Quality quality, double seconds) {
        long bitrate = seconds <= 0 ? 0 : Math.round(intervalBytes * 8 / seconds);
        double fps = seconds <= 0 ? 0 : intervalFrames / seconds;
        intervalBytes = 0;
        intervalFrames = 0;
        return new VideoSendStats(kind, codec, bitrate, target, fps, width, height, frames, keyframes,
                requestsReceived.sum(), requestsAnswered.sum());
    }
}
