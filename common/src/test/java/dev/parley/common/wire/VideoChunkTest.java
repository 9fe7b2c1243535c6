package dev.parley.common.wire;

import dev.parley.common.domain.DecodeError.Reason;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoChunkTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void layoutIsSection6ByteForByte() {
        VideoChunk c = new VideoChunk(0xA1A2A3A4L, 2, 0x0103, VideoChunk.FLAG_KEYFRAME, VideoChunk.H264, new byte[] {9, 8});
        assertThat(HEX.formatHex(c.encode())).isEqualTo("a1a2a3a4" + "0002" + "0103" + "01" + "03" + "0908");
        assertThat(c.keyframe()).isTrue();
    }

    @Test
    void roundTrips() {
        for (int codec = 1; codec <= 3; codec++) {
            for (int len : new int[] {0, 1, VideoChunk.MAX_BYTES}) {
                VideoChunk c = new VideoChunk(0xFFFF_FFFFL, 65534, 65535, 0xFE, codec, WireSamples.bytes(len, codec));
                assertThat(VideoChunk.decode(c.encode()).orElseThrow()).isEqualTo(c);
                assertThat(c.keyframe()).isFalse();
                byte[] padded = ControlCodecTest.concat(new byte[3], c.encode(), new byte[2]);
                assertThat(VideoChunk.decode(padded, 3, c.encode().length).orElseThrow()).isEqualTo(c);
            }
        }
        assertThat(VideoChunk.HEADER_LENGTH + VideoChunk.MAX_BYTES + 16 + 38).isEqualTo(1100);
    }

    @Test
    void refusesWithTypedErrors() {
        byte[] good = new VideoChunk(1, 0, 1, 0, VideoChunk.VP8, new byte[5]).encode();
        for (int len = 0; len < VideoChunk.HEADER_LENGTH; len++) {
            assertThat(VideoChunk.decode(good, 0, len).errorOrNull().reason()).isEqualTo(Reason.TRUNCATED);
        }
        assertThat(reason(with(good, 9, 0))).isEqualTo(Reason.OUT_OF_RANGE); // codec 0
        assertThat(reason(with(good, 9, 4))).isEqualTo(Reason.OUT_OF_RANGE); // codec 4
        assertThat(reason(with(good, 6, 0, 0))).isEqualTo(Reason.OUT_OF_RANGE); // chunk_count 0
        assertThat(reason(with(good, 4, 0, 1))).isEqualTo(Reason.OUT_OF_RANGE); // index 1 of 1
        assertThat(reason(ControlCodecTest.concat(good, new byte[VideoChunk.MAX_BYTES]))).isEqualTo(Reason.TOO_LARGE);
        assertThat(VideoChunk.decode(null).isOk()).isFalse();
        assertThat(VideoChunk.decode(good, 5, 100).isOk()).isFalse();

        assertThatThrownBy(() -> new VideoChunk(1, 1, 1, 0, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoChunk(1L << 32, 0, 1, 0, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoChunk(1, 0, 1, 256, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoChunk(1, 0, 1, 0, 1, new byte[VideoChunk.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Reason reason(byte[] b) {
        return VideoChunk.decode(b).errorOrNull().reason();
    }

    private static byte[] with(byte[] b, int at, int... values) {
        byte[] c = b.clone();
        for (int i = 0; i < values.length; i++) {
            c[at + i] = (byte) values[i];
        }
        return c;
    }
}
