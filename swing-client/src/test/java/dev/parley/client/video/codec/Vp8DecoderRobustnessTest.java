package dev.parley.client.video.codec;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged, cut, reordered and made-up frames through the real native decoder: it never throws,
 * the JVM survives (a crash would end this test run), and the next keyframe decodes exactly as it
 * does in a fresh decoder.
 */
class Vp8DecoderRobustnessTest {
    /** Keyframes at 0, 10, 20 and 30; the rest are delta frames. */
    private static EncodedStream stream;
    /** What an untouched decoder makes of keyframes 10, 20 and 30. */
    private static Picture[] clean;

    private final Random random = new Random(20261206);
    private Vp8Decoder decoder;

    @BeforeAll
    static void encode() throws Exception {
        assertThat(NativeVideoCodecs.shared().vp8Available()).as("the FFmpeg natives load here").isTrue();
        stream = EncodedStream.encode(640, 360, 500_000, 40, 10, Set.of());
        clean = new Picture[4];
        for (int k = 1; k <= 3; k++) {
            try (Vp8Decoder fresh = new Vp8Decoder()) {
                clean[k] = fresh.decode(stream.data(10 * k), true).orElseThrow();
            }
            assertThat(Pictures.psnr(stream.pictures().get(10 * k), clean[k])).as("keyframe %d", 10 * k).isGreaterThan(35);
        }
    }

    @AfterEach
    void close() {
        if (decoder != null) {
            decoder.close();
        }
    }

    @Test
    void deltaFramesBeforeAnyKeyframeWaitForIt() throws Exception {
        decoder = new Vp8Decoder();
        for (int i = 11; i < 20; i++) {
            Decoded<Picture> decoded = decoder.decode(stream.data(i), true);
            assertThat(decoded.isOk()).isFalse();
            assertThat(decoded.errorOrNull().message()).contains("keyframe");
        }
        assertRecoversAt(2);
    }

    @Test
    void truncatedFramesAtManyLengths() throws Exception {
        decoder = new Vp8Decoder();
        int reachedNative = 0;
        for (int index : new int[]{0, 4, 10, 13}) {
            byte[] frame = stream.data(index);
            // short cuts byte by byte (headers), then 80 cuts through the rest
            for (int length = 0; length < frame.length; length += length < 24 ? 1 : Math.max(1, frame.length / 80)) {
                // a clean keyframe first, so that a cut delta frame reaches the native decoder too
                decoder.decode(stream.data(index / 10 * 10), true);
                Decoded<Picture> decoded = decoder.decode(Arrays.copyOf(frame, length), stream.keyframe(index));
                if (reachedNative(decoded)) {
                    reachedNative++;
                }
            }
        }
        assertThat(reachedNative).as("cut frames the native decoder saw").isGreaterThan(60);
        assertRecoversAt(2);
    }

    @Test
    void randomlyCorruptedDeltaAndKeyframes() throws Exception {
        decoder = new Vp8Decoder();
        int reachedNative = 0;
        for (int round = 0; round < 200; round++) {
            int index = random.nextInt(20);
            decoder.decode(stream.data(index / 10 * 10), true);
            byte[] frame = stream.data(index).clone();
            int damage = 1 + random.nextInt(10);
            for (int i = 0; i < damage; i++) {
                // leave the tag alone in half the rounds, so that the damage reaches the native decoder
                int from = round % 2 == 0 ? 0 : Math.min(10, frame.length - 1);
                frame[from + random.nextInt(frame.length - from)] = (byte) random.nextInt(256);
            }
            Decoded<Picture> decoded = decoder.decode(frame, stream.keyframe(index));
            if (decoded.isOk()) {
                assertThat(decoded.orElseThrow().width() * decoded.orElseThrow().height()).isLessThanOrEqualTo(Vp8Decoder.MAX_PIXELS);
            }
            if (reachedNative(decoded)) {
                reachedNative++;
            }
        }
        assertThat(reachedNative).as("damaged frames the native decoder saw").isGreaterThan(80);
        assertRecoversAt(3);
    }

    @Test
    void framesInTheWrongOrder() throws Exception {
        decoder = new Vp8Decoder();
        int[] order = {0, 3, 1, 2, 9, 5, 4, 10, 8, 7, 6, 15, 11, 12, 14, 13, 0, 19, 16, 17, 18};
        for (int index : order) {
            decoder.decode(stream.data(index), stream.keyframe(index));
        }
        assertRecoversAt(2);
    }

    @Test
    void garbageAndEmptyFramesAreRefused() throws Exception {
        decoder = new Vp8Decoder();
        assertFailed(decoder.decode(new byte[0], true), DecodeError.Reason.TRUNCATED);
        assertFailed(decoder.decode(null, false), DecodeError.Reason.TRUNCATED);
        assertFailed(decoder.decode(new byte[]{0x10, 0x02}, true), DecodeError.Reason.TRUNCATED);
        for (int round = 0; round < 300; round++) {
            byte[] garbage = new byte[random.nextInt(round < 150 ? 64 : 20_000)];
            random.nextBytes(garbage);
            if (round % 3 == 0 && garbage.length >= 10) {
                // a plausible keyframe header with a small picture, over random data
                garbage[0] = (byte) (garbage[0] & ~1 & 0x1F);
                garbage[1] = 0;
                garbage[2] = 0;
                garbage[3] = (byte) 0x9D;
                garbage[4] = 0x01;
                garbage[5] = 0x2A;
                garbage[6] = (byte) (16 + random.nextInt(600));
                garbage[7] = 0;
                garbage[8] = (byte) (16 + random.nextInt(200));
                garbage[9] = 0;
            }
            Decoded<Picture> decoded = decoder.decode(garbage, random.nextBoolean());
            if (decoded.isOk()) {
                assertThat(decoded.orElseThrow().width()).isLessThanOrEqualTo(Picture.MAX_SIDE);
            }
        }
        assertRecoversAt(1);
    }

    @Test
    void picturesDeclaredTooLargeAreRefusedBeforeDecoding() throws Exception {
        decoder = new Vp8Decoder();
        byte[] keyframe = stream.data(10).clone();
        // 4000 x 4000: each side allowed, the area not
        keyframe[6] = (byte) (4000 & 0xFF);
        keyframe[7] = (byte) (4000 >> 8);
        keyframe[8] = (byte) (4000 & 0xFF);
        keyframe[9] = (byte) (4000 >> 8);
        assertFailed(decoder.decode(keyframe, true), DecodeError.Reason.TOO_LARGE);
        // 16383 wide: more than any picture's side
        keyframe[6] = (byte) 0xFF;
        keyframe[7] = (byte) 0x3F;
        keyframe[8] = 100;
        keyframe[9] = 0;
        assertFailed(decoder.decode(keyframe, true), DecodeError.Reason.TOO_LARGE);
        assertFailed(decoder.decode(new byte[Vp8Decoder.MAX_FRAME_BYTES + 1], true), DecodeError.Reason.TOO_LARGE);
        // not a keyframe's start code
        byte[] noStartCode = stream.data(10).clone();
        noStartCode[3] = 0;
        assertFailed(decoder.decode(noStartCode, true), DecodeError.Reason.BAD_HEADER);
        assertRecoversAt(1);
    }

    /** Decodes keyframe {@code k} (frame {@code 10 k}) and the frames after it, exactly as a fresh decoder does. */
    private void assertRecoversAt(int k) {
        Picture picture = decoder.decode(stream.data(10 * k), true).orElseThrow();
        assertThat(picture.rgb()).as("keyframe %d after the damage", 10 * k).isEqualTo(clean[k].rgb());
        assertThat(Pictures.psnr(stream.pictures().get(10 * k), picture)).isGreaterThan(35);
        for (int i = 10 * k + 1; i < 10 * k + 4; i++) {
            assertThat(Pictures.psnr(stream.pictures().get(i), decoder.decode(stream.data(i), false).orElseThrow()))
                    .as("frame %d", i).isGreaterThan(30);
        }
    }

    /** Decoded, or refused by FFmpeg rather than by the checks in Java before it. */
    private static boolean reachedNative(Decoded<Picture> decoded) {
        return decoded.isOk() || decoded.errorOrNull().message().contains("FFmpeg error");
    }

    private static void assertFailed(Decoded<Picture> decoded, DecodeError.Reason reason) {
        assertThat(decoded.isOk()).isFalse();
        assertThat(decoded.errorOrNull().reason()).isEqualTo(reason);
        assertThat(decoded.errorOrNull().message()).isNotBlank();
    }
}
