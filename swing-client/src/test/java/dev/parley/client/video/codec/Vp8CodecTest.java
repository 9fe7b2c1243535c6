package dev.parley.client.video.codec;

import dev.parley.common.domain.Decoded;
import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.MovingScene;
import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;
import dev.parley.common.video.VideoCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Real libvpx and FFmpeg natives, the moving 640x360 scene. */
class Vp8CodecTest {
    private static final int FPS = 15;
    private static final int BITRATE = 500_000;
    private static final int SECONDS = 3;
    private static EncodedStream stream;

    @BeforeAll
    static void encodeThreeSeconds() throws Exception {
        assertThat(NativeVideoCodecs.shared().vp8Available()).as("the FFmpeg natives load here").isTrue();
        stream = EncodedStream.encode(640, 360, BITRATE, FPS * SECONDS, 15, Set.of(20));
    }

    @Test
    void threeSecondsAt500KbitsDecodeAbove35DbAndKeepTheBitrate() throws Exception {
        List<Double> psnr = new ArrayList<>();
        long bytes = 0;
        try (Vp8Decoder decoder = new Vp8Decoder()) {
            for (int i = 0; i < stream.frames().size(); i++) {
                Picture decoded = decoder.decode(stream.data(i), stream.keyframe(i)).orElseThrow();
                assertThat(decoded.width()).isEqualTo(640);
                assertThat(decoded.height()).isEqualTo(360);
                psnr.add(Pictures.psnr(stream.pictures().get(i), decoded));
                bytes += stream.data(i).length;
            }
        }
        double meanPsnr = psnr.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double bitrate = bytes * 8.0 / SECONDS;
        System.out.printf("VP8 640x360 %d fps %d kbit/s: mean PSNR %.1f dB (min %.1f), measured %.0f kbit/s, keyframe %d B%n",
                FPS, BITRATE / 1000, meanPsnr, psnr.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                bitrate / 1000, stream.data(0).length);
        assertThat(meanPsnr).isGreaterThanOrEqualTo(35);
        assertThat(bitrate).isBetween(BITRATE * 0.7, BITRATE * 1.3);
    }

    @Test
    void keyframesComeFirstEveryIntervalAndOnRequest() {
        for (int i = 0; i < stream.frames().size(); i++) {
            // every 15 frames, counted from the last keyframe, and the one asked for at 20
            boolean expected = i == 0 || i == 15 || i == 20 || i == 35;
            assertThat(stream.keyframe(i)).as("frame %d is a keyframe", i).isEqualTo(expected);
            // what the encoder says is what the bitstream says
            assertThat(Vp8FrameHeader.parse(stream.data(i), Vp8Decoder.MAX_PIXELS).orElseThrow().keyframe()).isEqualTo(expected);
        }
    }

    @Test
    void aRequestedKeyframeDecodesOnItsOwn() throws Exception {
        try (Vp8Decoder fresh = new Vp8Decoder()) {
            Picture decoded = fresh.decode(stream.data(20), true).orElseThrow();
            assertThat(Pictures.psnr(stream.pictures().get(20), decoded)).isGreaterThan(35);
            // and the stream goes on from it
            assertThat(fresh.decode(stream.data(21), false).isOk()).isTrue();
        }
    }

    @Test
    void aLowerBitrateGivesSmallerFrames() throws Exception {
        MovingScene scene = new MovingScene(640, 360, FPS);
        long before = 0;
        long after = 0;
        try (Vp8Encoder encoder = new Vp8Encoder(new EncoderSettings(640, 360, FPS, 1_000_000, 300))) {
            for (int i = 0; i < 30; i++) {
                EncodedPicture frame = encoder.encode(scene.frame(i), false);
                if (i >= 15) {
                    before += frame.data().length;
                }
            }
            encoder.setBitrate(1_000_000);
            assertThat(encoder.encode(scene.frame(30), false).keyframe()).as("the same bitrate changes nothing").isFalse();
            encoder.setBitrate(200_000);
            for (int i = 31; i < 61; i++) {
                EncodedPicture frame = encoder.encode(scene.frame(i), false);
                // FFmpeg's libvpx wrapper takes a new bitrate only by reopening: a keyframe
                assertThat(frame.keyframe()).as("frame %d", i).isEqualTo(i == 31);
                if (i >= 46) {
                    after += frame.data().length;
                }
            }
        }
        // 1 Mbit/s and 200 kbit/s over 15 frames at 15 fps: about 125 KB and 25 KB
        assertThat(before * 8).isBetween(700_000L, 1_300_000L);
        assertThat(after * 8).isBetween(140_000L, 260_000L);
    }

    @Test
    void aSmallerPictureRestartsWithAKeyframeThatDecodes() throws Exception {
        MovingScene large = new MovingScene(640, 360, FPS);
        MovingScene small = new MovingScene(320, 180, FPS);
        try (Vp8Encoder encoder = new Vp8Encoder(new EncoderSettings(640, 360, FPS, BITRATE, 300));
             Vp8Decoder decoder = new Vp8Decoder()) {
            for (int i = 0; i < 5; i++) {
                assertThat(decoder.decode(encoder.encode(large.frame(i), false).data(), false).isOk()).isTrue();
            }
            for (int i = 5; i < 15; i++) {
                EncodedPicture frame = encoder.encode(small.frame(i), false);
                assertThat(frame.keyframe()).isEqualTo(i == 5);
                Picture decoded = decoder.decode(frame.data(), frame.keyframe()).orElseThrow();
                assertThat(decoded.width()).isEqualTo(320);
                assertThat(decoded.height()).isEqualTo(180);
                assertThat(Pictures.psnr(small.frame(i), decoded)).isGreaterThan(32);
            }
            // and back up
            EncodedPicture frame = encoder.encode(large.frame(15), false);
            assertThat(frame.keyframe()).isTrue();
            assertThat(decoder.decode(frame.data(), true).orElseThrow().width()).isEqualTo(640);
        }
    }

    @Test
    void aClosedEncoderAndDecoderRefuseWorkWithoutCrashing() throws Exception {
        Vp8Encoder encoder = new Vp8Encoder(new EncoderSettings(640, 360, FPS, BITRATE, 30));
        Vp8Decoder decoder = new Vp8Decoder();
        encoder.close();
        encoder.close();
        decoder.close();
        decoder.close();

        Decoded<Picture> decoded = decoder.decode(stream.data(0), true);
        assertThat(decoded.isOk()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encoder.encode(stream.pictures().get(0), false))
                .isInstanceOf(dev.parley.common.video.VideoCodecException.class);
        assertThat(encoder.codec()).isEqualTo(VideoCodec.VP8);
        assertThat(decoder.codec()).isEqualTo(VideoCodec.VP8);
    }
}
