package dev.parley.client.video.codec;

import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoEncoder;

import java.util.Arrays;

/**
 * Run in a child JVM by {@link NativeVideoCodecsTest}: says what {@link NativeVideoCodecs#shared()}
 * offers in a process without the FFmpeg natives (or with VP8 turned off), one fact per line.
 */
public final class Vp8UnavailableProbe {

    public static void main(String[] args) throws Exception {
        NativeVideoCodecs codecs = NativeVideoCodecs.shared();
        System.out.println("available=" + codecs.vp8Available());
        System.out.println("reason=" + codecs.unavailableReason().orElse(""));
        EncoderSettings settings = new EncoderSettings(64, 48, 15, 500_000, 30);
        try (VideoEncoder encoder = codecs.newEncoder(VideoCodec.VP8, settings)) {
            System.out.println("vp8=" + encoder.codec());
        } catch (VideoCodecException e) {
            System.out.println("vp8Refused=" + e.getMessage());
        }
        System.out.println("vp8Decoder=" + codecs.newDecoder(VideoCodec.VP8).isPresent());
        int[] pixels = new int[64 * 48];
        Arrays.fill(pixels, 0x336699);
        try (VideoEncoder jpeg = codecs.newEncoder(VideoCodec.JPEG, settings);
             VideoDecoder decoder = codecs.newDecoder(VideoCodec.JPEG).orElseThrow()) {
            EncodedPicture frame = jpeg.encode(new Picture(64, 48, pixels), false);
            Picture decoded = decoder.decode(frame.data(), frame.keyframe()).orElseThrow();
            System.out.println("jpeg=" + decoded.width() + "x" + decoded.height());
        }
    }
}
