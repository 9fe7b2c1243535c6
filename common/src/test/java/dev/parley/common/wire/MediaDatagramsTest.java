package dev.parley.common.wire;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaDatagramsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void headerLayoutIsSection6ByteForByte() {
        MediaHeader h = WireSamples.header(MediaKind.VIDEO, 0x0123);
        assertThat(HEX.formatHex(MediaDatagrams.encodeHeader(h))).isEqualTo(
                "beef" + "01" + "0102030405060708" + "1112131415161718" + "02" + "a1a2a3a4"
                        + "c1c2" + "d1d2d3d4" + "e1e2e3e4" + "b1b2" + "0123");
    }

    @Test
    void roundTripsFromArraysSlicesAndBuffers() {
        for (MediaKind kind : MediaKind.values()) {
            for (int ct : new int[] {16, 100, MediaHeader.MAX_CIPHERTEXT}) {
                MediaHeader h = WireSamples.header(kind, ct);
                byte[] dg = MediaDatagrams.encode(h, WireSamples.bytes(ct, 5));
                assertThat(dg).hasSize(38 + ct);
                assertThat(MediaDatagrams.parse(dg).orElseThrow()).isEqualTo(h);

                byte[] padded = ControlCodecTest.concat(new byte[7], dg, new byte[3]);
                assertThat(MediaDatagrams.parse(padded, 7, dg.length).orElseThrow()).isEqualTo(h);

                ByteBuffer little = ByteBuffer.wrap(padded, 7, dg.length).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(MediaDatagrams.parse(little).orElseThrow()).isEqualTo(h);
                assertThat(little.position()).isEqualTo(7);

                ByteBuffer direct = ByteBuffer.allocateDirect(dg.length).put(dg).flip();
                assertThat(MediaDatagrams.parse(direct).orElseThrow()).isEqualTo(h);
            }
        }
        MediaHeader zero = new MediaHeader(0, 1, MediaKind.AUDIO, 0, 0, 0, 0, 16);
        assertThat(MediaDatagrams.parse(MediaDatagrams.encode(zero, new byte[16])).orElseThrow()).isEqualTo(zero);
    }

    @Test
    void everyMalformedRuleIsEnforced() {
        byte[] good = MediaDatagrams.encode(WireSamples.header(MediaKind.AUDIO, 100), new byte[100]);
        assertThat(parse(good).isOk()).isTrue();

        assertThat(reason(java.util.Arrays.copyOf(good, good.length - 1))).isEqualTo(Reason.WRONG_LENGTH);
        assertThat(reason(ControlCodecTest.concat(good, new byte[1]))).isEqualTo(Reason.WRONG_LENGTH);
        assertThat(reason(with(good, 36, 0, 15))).isEqualTo(Reason.WRONG_LENGTH); // ct_len 15
        assertThat(reason(with(good, 36, 0, 0))).isEqualTo(Reason.WRONG_LENGTH);
        assertThat(reason(new byte[0])).isEqualTo(Reason.TRUNCATED);
        assertThat(reason(java.util.Arrays.copyOf(good, 37))).isEqualTo(Reason.TRUNCATED);
        assertThat(reason(java.util.Arrays.copyOf(good, 53))).isEqualTo(Reason.TRUNCATED); // header + 15

        byte[] tooBig = MediaDatagrams.encode(WireSamples.header(MediaKind.AUDIO, MediaHeader.MAX_CIPHERTEXT),
                new byte[MediaHeader.MAX_CIPHERTEXT]);
        assertThat(parse(tooBig).isOk()).isTrue();
        byte[] over = ControlCodecTest.concat(tooBig, new byte[1]);
        over[36] = (byte) ((MediaHeader.MAX_CIPHERTEXT + 1) >>> 8);
        over[37] = (byte) (MediaHeader.MAX_CIPHERTEXT + 1);
        assertThat(reason(over)).isEqualTo(Reason.TOO_LARGE); // 1101 bytes with a consistent ct_len

        assertThat(reason(with(good, 0, 0xBE, 0xEE))).isEqualTo(Reason.BAD_HEADER);
        assertThat(reason(with(good, 0, 0xEF, 0xBE))).isEqualTo(Reason.BAD_HEADER);
        assertThat(reason(with(good, 2, 0))).isEqualTo(Reason.BAD_HEADER);
        assertThat(reason(with(good, 2, 2))).isEqualTo(Reason.BAD_HEADER);
        for (int kind : new int[] {0, 3, 255}) {
            assertThat(reason(with(good, 19, kind))).isEqualTo(Reason.BAD_HEADER);
        }
        assertThat(reason(with(good, 3, 0x80))).isEqualTo(Reason.OUT_OF_RANGE); // room_id >= 2^63
        assertThat(reason(with(good, 11, 0x80))).isEqualTo(Reason.OUT_OF_RANGE); // sender_id >= 2^63
        assertThat(reason(with(good, 11, 0, 0, 0, 0, 0, 0, 0, 0))).isEqualTo(Reason.OUT_OF_RANGE); // sender_id 0
    }

    @Test
    void badArgumentsAreErrorsNotExceptions() {
        assertThat(MediaDatagrams.parse((byte[]) null).isOk()).isFalse();
        assertThat(MediaDatagrams.parse((ByteBuffer) null).isOk()).isFalse();
        assertThat(MediaDatagrams.parse(new byte[60], 10, 60).isOk()).isFalse();
        assertThatThrownBy(() -> MediaDatagrams.encode(WireSamples.header(MediaKind.AUDIO, 20), new byte[19]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Decoded<MediaHeader> parse(byte[] b) {
        return MediaDatagrams.parse(b);
    }

    private static Reason reason(byte[] b) {
        Decoded<MediaHeader> d = MediaDatagrams.parse(b);
        assertThat(d.isOk()).as("parsed %s", d).isFalse();
        return d.errorOrNull().reason();
    }

    private static byte[] with(byte[] b, int at, int... values) {
        byte[] c = b.clone();
        for (int i = 0; i < values.length; i++) {
            c[at + i] = (byte) values[i];
        }
        return c;
    }
}
