package dev.parley.common.call;

import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoStreamKind;

/**
 * What one outgoing video stream may spend, adapted once a report interval from the same signals as
 * the audio bitrate (the worst loss a receiver reports for us, and the RTT). Congestion (heavy loss
 * or a rising RTT) cuts the target multiplicatively; clean intervals raise it step by step. The
 * target then picks a rung: a camera first gives up bitrate, then frame rate, then resolution
 * (360p to 180p); a screen share keeps its resolution and gives up frame rate first.
 *
 * <p>Moderate loss without congestion (a lossy link) turns on redundancy instead: every chunk is
 * sent twice, at half the encoder bitrate so the stream spends the same. A 360p delta frame is four
 * or five datagrams; at 5 % loss one in five frames would miss a chunk and freeze the picture until
 * the next keyframe, but with each chunk sent twice a frame is lost about once in a hundred. Not
 * thread-safe: the report thread updates it, the stream's send thread reads {@link #quality()}.
 */
final class VideoRateControl {
    static final double CONGESTED_LOSS = 0.10;
    static final double LOSSY = 0.02;
    static final double CLEAN_LOSS = 0.01;
    static final long RTT_RISE_MS = 150;
    static final double STEP_DOWN = 0.7;
    static final double STEP_UP = 0.08;
    /** Clean intervals in a row before redundancy is turned off again. */
    static final int CLEAN_TO_DROP_REDUNDANCY = 5;

    /** One rung: what the encoder is told, and whether chunks go twice. */
    record Quality(int bitrate, int frameRate, int width, int height, boolean redundant) {
    }

    private final VideoStreamKind kind;
    private final int max;
    private final int min;
    private final int fullFrameRate;
    private final int width;
    private final int height;
    private int target;
    private long baseRttMs = Long.MAX_VALUE;
    private boolean redundant;
    private int cleanIntervals;
    private volatile Quality quality;

    VideoRateControl(VideoStreamKind kind, VideoSettings settings) {
        this.kind = kind;
        boolean screen = kind == VideoStreamKind.SCREEN;
        this.max = screen ? settings.screenBitrate() : settings.cameraBitrate();
        this.min = settings.minBitrate();
        this.fullFrameRate = screen ? settings.screenFrameRate() : settings.cameraFrameRate();
        this.width = screen ? VideoSettings.SCREEN_WIDTH : VideoSettings.CAMERA_WIDTH;
        this.height = screen ? VideoSettings.SCREEN_HEIGHT : VideoSettings.CAMERA_HEIGHT;
        this.target = max;
        this.quality = rung();
    }

    /** The current rung; read by the send thread. */
    Quality quality() {
        return quality;
    }

    int target() {
        return target;
    }

    /**
     * One report interval.
     *
     * @param worstLoss the highest loss fraction a receiver reported for us
     * @param rttMs     RTT to the relay, negative when unknown
     */
    Quality update(double worstLoss, long rttMs) {
        boolean rttRising = false;
        if (rttMs >= 0) {
            baseRttMs = Math.min(baseRttMs, rttMs);
            rttRising = rttMs - baseRttMs > RTT_RISE_MS;
        }
        if (worstLoss > CONGESTED_LOSS || rttRising) {
            target = Math.max(min, (int) (target * STEP_DOWN));
            cleanIntervals = 0;
        } else if (worstLoss >= LOSSY) {
            redundant = true;
            cleanIntervals = 0;
        } else if (worstLoss < CLEAN_LOSS) {
            target = Math.min(max, target + (int) (max * STEP_UP));
            if (redundant && ++cleanIntervals >= CLEAN_TO_DROP_REDUNDANCY) {
                redundant = false;
            }
        }
        quality = rung();
        return quality;
    }

    private Quality rung() {
        int encoderBitrate = Math.max(min / 2, redundant ? target / 2 : target);
        double r = (double) target / max;
        if (kind == VideoStreamKind.SCREEN) {
            // text must stay legible: fewer frames, each with about the bits it had
            int fps = r >= 0.9 ? fullFrameRate : r >= 0.6 ? Math.min(fullFrameRate, 5)
                    : r >= 0.35 ? Math.min(fullFrameRate, 3) : Math.min(fullFrameRate, 2);
            return new Quality(encoderBitrate, fps, width, height, redundant);
        }
        if (r >= 0.5) {
            return new Quality(encoderBitrate, fullFrameRate, width, height, redundant);
        }
        if (r >= 0.3) {
            return new Quality(encoderBitrate, Math.min(fullFrameRate, 10), width, height, redundant);
        }
        if (r >= 0.2) {
            return new Quality(encoderBitrate, Math.min(fullFrameRate, 7), width, height, redundant);
        }
        return new Quality(encoderBitrate, Math.min(fullFrameRate, 7), width / 2, height / 2, redundant);
    }
}
