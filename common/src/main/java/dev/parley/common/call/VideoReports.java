package dev.parley.common.call;

import dev.parley.common.domain.PeerId;

import java.util.List;

/** What the once-a-second report needs of the call's video: figures in, adaptation out. */
interface VideoReports {

    /** Closes the interval of every received video stream. */
    List<VideoStreamStats> closeReceiveIntervals(double seconds);

    /** The intervals just closed of {@code sender}'s video streams. */
    List<ArrivalStats.Interval> receiveIntervals(PeerId sender);

    /** Whether we send any video. */
    boolean sending();

    /** Adapts our streams to the worst loss reported for us and the RTT. */
    void adapt(double worstLoss, long rttMs);

    /** Figures of our streams over the last {@code seconds}. */
    List<VideoSendStats> sendStats(double seconds);

    VideoReports NONE = new VideoReports() {
        @Override
        public List<VideoStreamStats> closeReceiveIntervals(double seconds) {
            return List.of();
        }

        @Override
        public List<ArrivalStats.Interval> receiveIntervals(PeerId sender) {
            return List.of();
        }

        @Override
        public boolean sending() {
            return false;
        }

        @Override
        public void adapt(double worstLoss, long rttMs) {
        }

        @Override
        public List<VideoSendStats> sendStats(double seconds) {
            return List.of();
        }
    };
}
