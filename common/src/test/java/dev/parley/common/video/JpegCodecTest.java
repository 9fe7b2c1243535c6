package dev.parley.common.video;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JpegCodecTest {
    private static final MovingScene SCENE = new MovingScene(640, 360, 15);

    private final JpegDecoder decoder = new JpegDecoder();

    @AfterEach
    void closeDecoder() {
        decoder.close();
    }

    @Test
    void everyFrameIsAKeyframeThatDecodesCloseToTheOriginal() throws Exception {
        try (JpegEncoder encoder = new JpegEncoder(0.6f)) {
            for (int n = 0; n < 15; n += 3) {
                Picture original = SCENE.frame(n);

                EncodedPicture encoded = encoder.encode(original, false);
                Picture decoded = decoder.decode(encoded.data(), encoded.keyframe()).orElseThrow();

                assertThat(encoded.keyframe()).isTrue();
                assertThat(decoded.width()).isEqualTo(640);
                assertThat(decoded.height()).isEqualTo(360);
                assertThat(Pictures.psnr(original, decoded)).isGreaterThan(35);
            }
        }
    }

    @Test
    void higherQualityCostsMoreBytesAndLooksBetter() throws Exception {
        Picture original = SCENE.frame(4);
        try (JpegEncoder low = new JpegEncoder(0.2f); JpegEncoder high = new JpegEncoder(0.9f)) {
            byte[] small = low.encode(original, false).data();
            byte[] large = high.encode(original, false).data();

            assertThat(large.length).isGreaterThan(small.length * 2);
            assertThat(Pictures.psnr(original, decoder.decode(large, true).orElseThrow()))
                    .isGreaterThan(Pictures.psnr(original, decoder.decode(small, true).orElseThrow()) + 3);
        }
    }

    @Test
    void qualityFollowsTheBitsEachPixelMayHave() {
        // 22 KB per 640x360 frame at 15 fps: quality 0.6
        assertThat(JpegEncoder.qualityFor(22_000 * 8 * 15, 15, 640, 360)).isCloseTo(0.6f, within(0.02f));
        // a video call's bitrate is far below what JPEG needs: the floor
        assertThat(JpegEncoder.qualityFor(500_000, 15, 640, 360)).isEqualTo(JpegEncoder.MIN_QUALITY);
        assertThat(JpegEncoder.qualityFor(100_000_000, 15, 640, 360)).isEqualTo(JpegEncoder.MAX_QUALITY);
        float previous = 0;
        for (int bitrate = 100_000; bitrate <= 20_000_000; bitrate += 50_000) {
            float quality = JpegEncoder.qualityFor(bitrate, 15, 640, 360);
            assertThat(quality).isGreaterThanOrEqualTo(previous).isBetween(JpegEncoder.MIN_QUALITY, JpegEncoder.MAX_QUALITY);
            previous = quality;
        }
        // the same bitrate at a quarter of the pixels, or a third of the frame rate, buys more quality
        assertThat(JpegEncoder.qualityFor(3_000_000, 15, 320, 180)).isGreaterThan(JpegEncoder.qualityFor(3_000_000, 15, 640, 360));
        assertThat(JpegEncoder.qualityFor(3_000_000, 5, 640, 360)).isGreaterThan(JpegEncoder.qualityFor(3_000_000, 15, 640, 360));
    }

    @Test
    void aLowerBitrateGivesSmallerFramesFromTheNextPictureOn() throws Exception {
        Picture original = SCENE.frame(10);
        try (JpegEncoder encoder = new JpegEncoder(new EncoderSettings(640, 360, 15, 4_000_000, 30))) {
            int before = encoder.encode(original, false).data().length;
            float qualityBefore = encoder.quality();

            encoder.setBitrate(1_000_000);

            assertThat(encoder.quality()).isLessThan(qualityBefore);
            assertThat(encoder.encode(original, false).data().length).isLessThan(before);
        }
    }

    @Test
    void aNewPictureSizeIsEncodedAtItsOwnSize() throws Exception {
        try (JpegEncoder encoder = new JpegEncoder(new EncoderSettings(640, 360, 15, 3_000_000, 30))) {
            float large = encoder.quality();
            encoder.encode(SCENE.frame(0), false);

            EncodedPicture small = encoder.encode(new MovingScene(320, 180, 15).frame(1), false);

            Picture decoded = decoder.decode(small.data(), true).orElseThrow();
            assertThat(decoded.width()).isEqualTo(320);
            assertThat(decoded.height()).isEqualTo(180);
            assertThat(encoder.quality()).as("fewer pixels for the same bitrate").isGreaterThan(large);
        }
    }

    @Test
    void qualityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new JpegEncoder(1.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JpegEncoder(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        try (JpegEncoder encoder = new JpegEncoder(0f)) {
            assertThat(encoder.quality()).isEqualTo(JpegEncoder.MIN_QUALITY);
        }
    }

    @Test
    void refusesWhatIsNotAJpeg() throws IOException {
        assertFailed(decoder.decode(new byte[0], true), DecodeError.Reason.TRUNCATED);
        assertFailed(decoder.decode(null, true), DecodeError.Reason.TRUNCATED);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(Pictures.toImage(SCENE.frame(0)), "png", png);
        assertFailed(decoder.decode(png.toByteArray(), true), DecodeError.Reason.BAD_HEADER);
        byte[] garbage = new byte[5000];
        new Random(1).nextBytes(garbage);
        assertFailed(decoder.decode(garbage, true), DecodeError.Reason.BAD_HEADER);
        // a JPEG start followed by garbage
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        assertThat(decoder.decode(garbage, true).isOk()).isFalse();
    }

    @Test
    void refusesPicturesLargerThanTheLimitsFromTheirHeaderAlone() throws Exception {
        byte[] jpeg;
        try (JpegEncoder encoder = new JpegEncoder(0.5f)) {
            jpeg = encoder.encode(new MovingScene(64, 48, 15).frame(0), false).data();
        }
        int sof = marker(jpeg, 0xC0);
        // only the headers are kept, up to the start of the scan: there is nothing to decode, so a
        // refusal with TOO_LARGE (not MALFORMED) shows the size was checked before decoding
        int sos = marker(jpeg, 0xDA);
        byte[] header = Arrays.copyOf(jpeg, sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF)));

        assertFailed(decoder.decode(withSize(header, sof, 4097, 16), true), DecodeError.Reason.TOO_LARGE);
        assertFailed(decoder.decode(withSize(header, sof, 16, 4097), true), DecodeError.Reason.TOO_LARGE);
        // each side fits, the area does not: 2000 x 2000 is more than four 720p pictures
        assertFailed(decoder.decode(withSize(header, sof, 2000, 2000), true), DecodeError.Reason.TOO_LARGE);
        assertFailed(decoder.decode(withSize(jpeg, sof, 60000, 60000), true), DecodeError.Reason.TOO_LARGE);
        assertThat(decoder.decode(withSize(header, sof, 1920, 1080), true).errorOrNull().reason())
                .isNotEqualTo(DecodeError.Reason.TOO_LARGE);
        assertFailed(decoder.decode(new byte[JpegDecoder.MAX_FRAME_BYTES + 1], true), DecodeError.Reason.TOO_LARGE);
    }

    @Test
    void truncatedFramesAreRefusedAtEveryLength() throws Exception {
        byte[] jpeg;
        try (JpegEncoder encoder = new JpegEncoder(0.6f)) {
            jpeg = encoder.encode(SCENE.frame(7), false).data();
        }
        for (int length = 0; length < jpeg.length - 2; length += 1 + length / 8) {
            Decoded<Picture> decoded = decoder.decode(Arrays.copyOf(jpeg, length), true);
            assertThat(decoded.isOk()).as("cut to %d of %d bytes", length, jpeg.length).isFalse();
            assertThat(decoded.errorOrNull().message()).isNotBlank();
        }
        assertThat(decoder.decode(jpeg, true).isOk()).as("the whole frame after all the cut ones").isTrue();
    }

    @Test
    void corruptedFramesNeverThrowAndTheNextGoodOneDecodes() throws Exception {
        Random random = new Random(11);
        byte[] jpeg;
        try (JpegEncoder encoder = new JpegEncoder(0.6f)) {
            jpeg = encoder.encode(SCENE.frame(3), false).data();
        }
        int refused = 0;
        for (int round = 0; round < 200; round++) {
            byte[] damaged = jpeg.clone();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            Decoded<Picture> decoded = decoder.decode(damaged, true);
            if (decoded.isOk()) {
                assertThat(decoded.orElseThrow().width() * decoded.orElseThrow().height()).isLessThanOrEqualTo(JpegDecoder.MAX_PIXELS);
            } else {
                refused++;
            }
        }
        assertThat(refused).as("most damage is noticed").isGreaterThan(100);
        assertThat(Pictures.psnr(SCENE.frame(3), decoder.decode(jpeg, true).orElseThrow())).isGreaterThan(35);
    }

    @Test
    void jpegCodecsMakeJpegOnly() throws Exception {
        JpegCodecs codecs = new JpegCodecs();
        EncoderSettings settings = new EncoderSettings(640, 360, 15, 500_000, 150);

        try (VideoEncoder encoder = codecs.newEncoder(VideoCodec.JPEG, settings);
             VideoDecoder jpeg = codecs.newDecoder(VideoCodec.JPEG).orElseThrow()) {
            assertThat(encoder.codec()).isEqualTo(VideoCodec.JPEG);
            assertThat(jpeg.codec()).isEqualTo(VideoCodec.JPEG);
            assertThat(jpeg.decode(encoder.encode(SCENE.frame(0), true).data(), true).isOk()).isTrue();
        }
        assertThat(codecs.newDecoder(VideoCodec.VP8)).isEmpty();
        assertThat(codecs.newDecoder(VideoCodec.H264)).isEmpty();
        assertThatThrownBy(() -> codecs.newEncoder(VideoCodec.VP8, settings))
                .isInstanceOf(VideoCodecException.class)
                .hasMessageContaining("VP8");
    }

    private static void assertFailed(Decoded<Picture> decoded, DecodeError.Reason reason) {
        assertThat(decoded.isOk()).isFalse();
        assertThat(decoded.errorOrNull().reason()).isEqualTo(reason);
        assertThat(decoded.errorOrNull().message()).isNotBlank();
    }

    /** The offset of the first marker FF {@code code} (C0 baseline start of frame, DA start of scan). */
    private static int marker(byte[] jpeg, int code) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new AssertionError("no marker FF " + Integer.toHexString(code));
    }

    /** A copy whose SOF0 declares {@code width x height}: FF C0, length(2), precision(1), height(2), width(2). */
    private static byte[] withSize(byte[] jpeg, int sof, int width, int height) {
        byte[] copy = jpeg.clone();
        copy[sof + 5] = (byte) (height >> 8);
        copy[sof + 6] = (byte) height;
        copy[sof + 7] = (byte) (width >> 8);
        copy[sof + 8] = (byte) width;
        return copy;
    }
}
