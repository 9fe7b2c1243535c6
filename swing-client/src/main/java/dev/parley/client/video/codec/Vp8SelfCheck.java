package dev.parley.client.video.codec;

import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoEncoder;

/**
 * Answers "does VP8 work on this computer, from this jar?": encodes two seconds of a moving
 * 640x360 pattern at 500 kbit/s and decodes them with the codecs a call would use.
 *
 * <pre>java -cp parley-client.jar dev.parley.client.video.codec.Vp8SelfCheck</pre>
 *
 * Prints one line and exits 0 when VP8 works, 1 (with the reason) when it does not.
 */
public final class Vp8SelfCheck {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int FRAMES = 30;

    private Vp8SelfCheck() {
    }

    public static void main(String[] args) throws Exception {
        NativeVideoCodecs codecs = NativeVideoCodecs.shared();
        if (!codecs.vp8Available()) {
            System.out.println(codecs.unavailableReason().orElseThrow());
            System.exit(1);
        }
        double psnr = 0;
        long bytes = 0;
        int keyframes = 0;
        try (VideoEncoder encoder = codecs.newEncoder(VideoCodec.VP8, new EncoderSettings(WIDTH, HEIGHT, 15, 500_000, 300));
             VideoDecoder decoder = codecs.newDecoder(VideoCodec.VP8).orElseThrow()) {
            for (int i = 0; i < FRAMES; i++) {
                Picture picture = pattern(i);
                EncodedPicture frame = encoder.encode(picture, false);
                Picture decoded = decoder.decode(frame.data(), frame.keyframe()).orElseThrow();
                psnr += Pictures.psnr(picture, decoded);
                bytes += frame.data().length;
                keyframes += frame.keyframe() ? 1 : 0;
            }
        }
        System.out.printf("VP8 works: %d frames of %dx%d, %d keyframe(s), %.0f kbit/s at 15 fps, mean PSNR %.1f dB%n",
                FRAMES, WIDTH, HEIGHT, keyframes, bytes * 8.0 * 15 / FRAMES / 1000, psnr / FRAMES);
    }

    /** A diagonal gradient with a light square sliding across it. */
    private static Picture pattern(int n) {
        int[] rgb = new int[WIDTH * HEIGHT];
        int squareX = 40 + n * 12;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean square = x >= squareX && x < squareX + 80 && y >= 140 && y < 220;
                rgb[y * WIDTH + x] = square ? 0xF0E0C0 : ((x * 255 / WIDTH) << 16) | ((y * 255 / HEIGHT) << 8) | 0x60;
            }
        }
        return new Picture(WIDTH, HEIGHT, rgb);
    }
}
