package dev.parley.client.video.codec;

import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.MovingScene;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoCodecException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Frames of the moving test scene and what a real VP8 encoder made of them. */
record EncodedStream(List<Picture> pictures, List<EncodedPicture> frames) {

    /**
     * {@code count} frames of a {@code width x height} scene at 15 fps and {@code bitrate}, a keyframe
     * every {@code keyframeInterval} frames and at each index of {@code forcedKeyframes}.
     */
    static EncodedStream encode(int width, int height, int bitrate, int count, int keyframeInterval,
                                Set<Integer> forcedKeyframes) throws VideoCodecException {
        MovingScene scene = new MovingScene(width, height, 15);
        List<Picture> pictures = new ArrayList<>();
        List<EncodedPicture> frames = new ArrayList<>();
        try (Vp8Encoder encoder = new Vp8Encoder(new EncoderSettings(width, height, 15, bitrate, keyframeInterval))) {
            for (int i = 0; i < count; i++) {
                Picture picture = scene.frame(i);
                pictures.add(picture);
                frames.add(encoder.encode(picture, forcedKeyframes.contains(i)));
            }
        }
        return new EncodedStream(List.copyOf(pictures), List.copyOf(frames));
    }

    byte[] data(int index) {
        return frames.get(index).data();
    }

    boolean keyframe(int index) {
        return frames.get(index).keyframe();
    }
}
