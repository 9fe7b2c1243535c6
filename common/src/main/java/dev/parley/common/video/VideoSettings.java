package dev.parley.common.video;

import java.time.Duration;

/**
 * How a call sends video.
 *
 * @param cameraBitrate      initial and highest target of a camera stream, bit/s
 * @param screenBitrate      initial and highest target of a screen share, bit/s
 * @param minBitrate         the lowest target a stream steps down to, bit/s
 * @param cameraFrameRate    frames per second of a camera stream at full quality
 * @param screenFrameRate    frames per second of a screen share at full quality (5-10)
 * @param keyframeInterval   a keyframe at least this often
 * @param preferred          the codec to send when this platform can encode it; JPEG otherwise
 */
public record VideoSettings(int cameraBitrate, int screenBitrate, int minBitrate, int cameraFrameRate,
                            int screenFrameRate, Duration keyframeInterval, VideoCodec preferred) {
    /** The largest camera picture sent: 360p. */
    public static final int CAMERA_WIDTH = 640;
    public static final int CAMERA_HEIGHT = 360;
    /** The largest screen picture sent: 720p. */
    public static final int SCREEN_WIDTH = 1280;
    public static final int SCREEN_HEIGHT = 720;

    public VideoSettings {
        if (minBitrate < 10_000 || cameraBitrate < minBitrate || screenBitrate < minBitrate
                || cameraFrameRate < 1 || cameraFrameRate > 30 || screenFrameRate < 1 || screenFrameRate > 30
                || keyframeInterval.isNegative() || keyframeInterval.isZero() || preferred == null) {
            throw new IllegalArgumentException("video settings out of range");
        }
    }

    /** 500 kbit/s 360p15 camera, 1.2 Mbit/s 720p share at 8 fps, keyframe every 10 s, VP8. */
    public static VideoSettings defaults() {
        return new VideoSettings(500_000, 1_200_000, 60_000, 15, 8, Duration.ofSeconds(10), VideoCodec.VP8);
    }

    public VideoSettings withPreferred(VideoCodec codec) {
        return new VideoSettings(cameraBitrate, screenBitrate, minBitrate, cameraFrameRate, screenFrameRate,
                keyframeInterval, codec);
    }

    public VideoSettings withCameraBitrate(int bitrate) {
        return new VideoSettings(bitrate, screenBitrate, minBitrate, cameraFrameRate, screenFrameRate,
                keyframeInterval, preferred);
    }
}
