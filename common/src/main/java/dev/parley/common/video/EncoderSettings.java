package dev.parley.common.video;

/**
 * What an encoder is created for.
 *
 * @param width               picture width it will be given (pictures of another size make it start over)
 * @param height              picture height
 * @param frameRate           nominal frames per second, 1..60
 * @param bitrate             target bit/s
 * @param keyframeIntervalFrames a keyframe at least every this many frames
 */
public record EncoderSettings(int width, int height, int frameRate, int bitrate, int keyframeIntervalFrames) {
    public EncoderSettings {
        if (width < 2 || height < 2 || frameRate < 1 || frameRate > 60 || bitrate < 10_000 || keyframeIntervalFrames < 1) {
            throw new IllegalArgumentException("encoder settings out of range: " + width + "x" + height + " at "
                    + frameRate + " fps, " + bitrate + " bit/s, keyframe every " + keyframeIntervalFrames);
        }
    }
}
