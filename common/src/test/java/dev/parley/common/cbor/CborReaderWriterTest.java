package dev.parley.common.cbor;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 8949 Appendix A in Parley's subset, plus every rejection class of PROTOCOL.md 5.1. */
class CborReaderWriterTest {

    private static final HexFormat HEX = HexFormat.of();

    private static CborValue uint(long v) {
        return new CborValue.UInt(v);
    }

    private static CborValue neg(long n) {
        return new CborValue.NegInt(n);
    }

    private static CborValue fl(double d) {
        return new CborValue.FloatValue(d);
    }

    private static CborValue text(String s) {
        return new CborValue.Text(s);
    }

    private static CborValue bytes(String hex) {
        return new CborValue.Bytes(HEX.parseHex(hex));
    }

    private static CborValue arr(CborValue... items) {
        return new CborValue.Array(List.of(items));
    }

    private static CborValue map(Object... kv) {
        Map<String, CborValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (CborValue) kv[i + 1]);
        }
        return new CborValue.MapValue(m);
    }

    private static CborValue oneTo25() {
        return new CborValue.Array(IntStream.rangeClosed(1, 25).mapToObj(i -> uint(i)).map(CborValue.class::cast).toList());
    }

    /** Appendix A examples whose encoding is also the shortest form: decode and encode byte-exact. */
    static Stream<Arguments> shortestForm() {
        return Stream.of(
                arguments("00", uint(0)), arguments("01", uint(1)), arguments("0a", uint(10)),
                arguments("17", uint(23)), arguments("1818", uint(24)), arguments("1819", uint(25)),
                arguments("1864", uint(100)), arguments("1903e8", uint(1000)),
                arguments("1a000f4240", uint(1_000_000)), arguments("1b000000e8d4a51000", uint(1_000_000_000_000L)),
                arguments("1bffffffffffffffff", uint(-1L)), arguments("3bffffffffffffffff", neg(-1L)),
                arguments("20", neg(0)), arguments("29", neg(9)), arguments("3863", neg(99)), arguments("3903e7", neg(999)),
                arguments("f90000", fl(0.0)), arguments("f98000", fl(-0.0)), arguments("f93c00", fl(1.0)),
                arguments("fb3ff199999999999a", fl(1.1)), arguments("f93e00", fl(1.5)), arguments("f97bff", fl(65504.0)),
                arguments("fa47c35000", fl(100000.0)), arguments("fa7f7fffff", fl(3.4028234663852886e+38)),
                arguments("fb7e37e43c8800759c", fl(1.0e+300)), arguments("f90001", fl(5.960464477539063e-8)),
                arguments("f90400", fl(0.00006103515625)), arguments("f9c400", fl(-4.0)),
                arguments("fbc010666666666666", fl(-4.1)), arguments("f97c00", fl(Double.POSITIVE_INFINITY)),
                arguments("f97e00", fl(Double.NaN)), arguments("f9fc00", fl(Double.NEGATIVE_INFINITY)),
                arguments("f4", new CborValue.Bool(false)), arguments("f5", new CborValue.Bool(true)),
                arguments("f6", new CborValue.Null()), arguments("f7", new CborValue.Undefined()),
                arguments("f0", new CborValue.Simple(16)), arguments("f8ff", new CborValue.Simple(255)),
                arguments("40", bytes("")), arguments("4401020304", bytes("01020304")),
                arguments("60", text("")), arguments("6161", text("a")), arguments("6449455446", text("IETF")),
                arguments("62225c", text("\"\\")), arguments("62c3bc", text("\u00fc")),
                arguments("63e6b0b4", text("\u6c34")), arguments("64f0908591", text("\ud800\udd51")),
                arguments("80", arr()), arguments("83010203", arr(uint(1), uint(2), uint(3))),
                arguments("8301820203820405", arr(uint(1), arr(uint(2), uint(3)), arr(uint(4), uint(5)))),
                arguments("98190102030405060708090a0b0c0d0e0f101112131415161718181819", oneTo25()),
                arguments("a0", map()),
                arguments("a26161016162820203", map("a", uint(1), "b", arr(uint(2), uint(3)))),
                arguments("826161a161626163", arr(text("a"), map("b", text("c")))),
                arguments("a56161614161626142616361436164614461656145",
                        map("a", text("A"), "b", text("B"), "c", text("C"), "d", text("D"), "e", text("E"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortestForm")
    void appendixAShortestFormDecodesAndEncodesByteExact(String hex, CborValue expected) {
        assertThat(CborReader.decode(HEX.parseHex(hex)).orElseThrow()).isEqualTo(expected);
        assertThat(HEX.formatHex(CborWriter.encode(expected))).isEqualTo(hex);
    }

    /** Appendix A examples that are valid but not what the writer produces: indefinite lengths, wider floats. */
    static Stream<Arguments> acceptedNonPreferred() {
        return Stream.of(
                arguments("fa7f800000", fl(Double.POSITIVE_INFINITY)), arguments("fa7fc00000", fl(Double.NaN)),
                arguments("faff800000", fl(Double.NEGATIVE_INFINITY)), arguments("fb7ff0000000000000", fl(Double.POSITIVE_INFINITY)),
                arguments("fb7ff8000000000000", fl(Double.NaN)), arguments("fbfff0000000000000", fl(Double.NEGATIVE_INFINITY)),
                arguments("5f42010243030405ff", bytes("0102030405")),
                arguments("7f657374726561646d696e67ff", text("streaming")),
                arguments("9fff", arr()),
                arguments("9f018202039f0405ffff", arr(uint(1), arr(uint(2), uint(3)), arr(uint(4), uint(5)))),
                arguments("9f01820203820405ff", arr(uint(1), arr(uint(2), uint(3)), arr(uint(4), uint(5)))),
                arguments("83018202039f0405ff", arr(uint(1), arr(uint(2), uint(3)), arr(uint(4), uint(5)))),
                arguments("83019f0203ff820405", arr(uint(1), arr(uint(2), uint(3)), arr(uint(4), uint(5)))),
                arguments("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", oneTo25()),
                arguments("bf61610161629f0203ffff", map("a", uint(1), "b", arr(uint(2), uint(3)))),
                arguments("826161bf61626163ff", arr(text("a"), map("b", text("c")))),
                arguments("bf6346756ef563416d7421ff", map("Fun", new CborValue.Bool(true), "Amt", neg(1))),
                // non-shortest integers and lengths, empty chunks, and a text key given in chunks
                arguments("1800", uint(0)), arguments("190017", uint(23)), arguments("1b0000000000000001", uint(1)),
                arguments("3a00000000", neg(0)), arguments("5800", bytes("")), arguments("790001" + "61", text("a")),
                arguments("5f4040ff", bytes("")), arguments("7fff", text("")),
                arguments("a17f6161ff01", map("a", uint(1))), arguments("fa3fc00000", fl(1.5)),
                arguments("fb3ff8000000000000", fl(1.5)), arguments("f93555", fl(0.333251953125)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedNonPreferred")
    void acceptsEveryWellFormedEncoding(String hex, CborValue expected) {
        assertThat(CborReader.decode(HEX.parseHex(hex)).orElseThrow()).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // tags, including every Appendix A tagged example
                arguments("c074323031332d30332d32315432303a30343a30305a", Reason.TAG),
                arguments("c11a514b67b0", Reason.TAG), arguments("c1fb41d452d9ec200000", Reason.TAG),
                arguments("d74401020304", Reason.TAG), arguments("d818456449455446", Reason.TAG),
                arguments("c249010000000000000000", Reason.TAG), arguments("c349010000000000000000", Reason.TAG),
                arguments("81c000", Reason.TAG), arguments("a16161c000", Reason.TAG),
                // map keys
                arguments("a201020304", Reason.NON_TEXT_KEY), arguments("a14100f6", Reason.NON_TEXT_KEY),
                arguments("a1f6f6", Reason.NON_TEXT_KEY), arguments("bf01f6ff", Reason.NON_TEXT_KEY),
                arguments("a2616101616102", Reason.DUPLICATE_KEY), arguments("bf61610161610202ff", Reason.DUPLICATE_KEY),
                arguments("a26161017f6161ff02", Reason.DUPLICATE_KEY),
                // UTF-8
                arguments("62c080", Reason.INVALID_UTF8), arguments("63e08080", Reason.INVALID_UTF8),
                arguments("64f0808080", Reason.INVALID_UTF8), arguments("63eda080", Reason.INVALID_UTF8),
                arguments("63edbfbf", Reason.INVALID_UTF8), arguments("64f4908080", Reason.INVALID_UTF8),
                arguments("61ff", Reason.INVALID_UTF8), arguments("6180", Reason.INVALID_UTF8),
                arguments("61c3", Reason.INVALID_UTF8), arguments("62e6b0", Reason.INVALID_UTF8),
                arguments("62c341", Reason.INVALID_UTF8), arguments("7f61c361bcff", Reason.INVALID_UTF8),
                // trailing bytes
                arguments("0000", Reason.TRAILING_BYTES), arguments("80ff", Reason.TRAILING_BYTES),
                arguments("9fffff", Reason.TRAILING_BYTES),
                // reserved additional information and misplaced indefinite lengths
                arguments("1c", Reason.MALFORMED), arguments("1d", Reason.MALFORMED), arguments("1e", Reason.MALFORMED),
                arguments("3c", Reason.MALFORMED), arguments("5d", Reason.MALFORMED), arguments("7e", Reason.MALFORMED),
                arguments("9c", Reason.MALFORMED), arguments("bd", Reason.MALFORMED), arguments("dc", Reason.MALFORMED),
                arguments("fc", Reason.MALFORMED), arguments("fd", Reason.MALFORMED), arguments("fe", Reason.MALFORMED),
                arguments("1f", Reason.MALFORMED), arguments("3f", Reason.MALFORMED),
                arguments("f818", Reason.MALFORMED), arguments("f800", Reason.MALFORMED),
                // breaks in the wrong place, bad chunks
                arguments("ff", Reason.MALFORMED), arguments("81ff", Reason.MALFORMED), arguments("a2ff000000", Reason.MALFORMED),
                arguments("a16161ff", Reason.MALFORMED), arguments("bf6161ff", Reason.MALFORMED),
                arguments("5f01ff", Reason.MALFORMED), arguments("5f6161ff", Reason.MALFORMED),
                arguments("7f4100ff", Reason.MALFORMED), arguments("5f5f4100ffff", Reason.MALFORMED),
                arguments("7f7f6161ffff", Reason.MALFORMED), arguments("5f5c", Reason.MALFORMED),
                // truncation and lengths or counts beyond the input
                arguments("", Reason.TRUNCATED), arguments("18", Reason.TRUNCATED), arguments("1b00000000", Reason.TRUNCATED),
                arguments("4201", Reason.TRUNCATED), arguments("5bffffffffffffffff", Reason.TRUNCATED),
                arguments("7b7fffffffffffffff61", Reason.TRUNCATED), arguments("5a7fffffff", Reason.TRUNCATED),
                arguments("9a7fffffff", Reason.TRUNCATED), arguments("9bffffffffffffffff00", Reason.TRUNCATED),
                arguments("ba7fffffff", Reason.TRUNCATED), arguments("a3616100616200", Reason.TRUNCATED),
                arguments("9f", Reason.TRUNCATED), arguments("9f01", Reason.TRUNCATED), arguments("bf616101", Reason.TRUNCATED),
                arguments("5f", Reason.TRUNCATED), arguments("5f4101", Reason.TRUNCATED), arguments("f93c", Reason.TRUNCATED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rejected")
    void rejectsWithTypedError(String hex, Reason reason) {
        Decoded<CborValue> d = CborReader.decode(HEX.parseHex(hex));
        assertThat(d.isOk()).as("decoded %s", d).isFalse();
        assertThat(d.errorOrNull().reason()).isEqualTo(reason);
        assertThat(d.errorOrNull().message()).isNotBlank();
    }

    @Test
    void nestingIsBoundedAtMaxDepth() {
        byte[] ok = nested(CborReader.MAX_DEPTH, (byte) 0x81);
        assertThat(CborReader.decode(ok).isOk()).isTrue();
        for (byte opener : new byte[] {(byte) 0x81, (byte) 0x9f}) {
            Decoded<CborValue> d = CborReader.decode(nested(CborReader.MAX_DEPTH + 1, opener));
            assertThat(d.errorOrNull().reason()).isEqualTo(Reason.MALFORMED);
        }
        // maps count too: {"a": {"a": ... }}
        StringBuilder deepMaps = new StringBuilder();
        for (int i = 0; i <= CborReader.MAX_DEPTH; i++) {
            deepMaps.append("a16161");
        }
        deepMaps.append("00");
        assertThat(CborReader.decode(HEX.parseHex(deepMaps.toString())).errorOrNull().reason()).isEqualTo(Reason.MALFORMED);
        // a very deep input fails cleanly instead of exhausting the stack
        byte[] huge = new byte[100_000];
        java.util.Arrays.fill(huge, (byte) 0x81);
        assertThat(CborReader.decode(huge).errorOrNull().reason()).isEqualTo(Reason.MALFORMED);
    }

    private static byte[] nested(int depth, byte opener) {
        byte[] b = new byte[depth + 1 + (opener == (byte) 0x9f ? depth : 0)];
        int i = 0;
        for (int k = 0; k < depth; k++) {
            b[i++] = opener;
        }
        b[i++] = 0;
        while (i < b.length) {
            b[i++] = (byte) 0xff;
        }
        return b;
    }

    @Test
    void everyProperPrefixOfAValidEncodingIsTruncated() {
        byte[] full = CborWriter.encode(map("a", arr(uint(1_000_000), bytes("0102"), text("\u6c34"), fl(1.1)),
                "b", new CborValue.Bool(true)));
        for (int len = 0; len < full.length; len++) {
            Decoded<CborValue> d = CborReader.decode(full, 0, len);
            assertThat(d.errorOrNull()).as("prefix %d", len).isNotNull();
            assertThat(d.errorOrNull().reason()).as("prefix %d", len).isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void decodesASliceOfALargerBuffer() {
        byte[] buf = HEX.parseHex("ffff83010203ff");
        assertThat(CborReader.decode(buf, 2, 4).orElseThrow()).isEqualTo(arr(uint(1), uint(2), uint(3)));
        assertThat(CborReader.decode(buf, 5, 9).isOk()).isFalse();
        assertThat(CborReader.decode(null).isOk()).isFalse();
    }

    @Test
    void writerUsesShortestIntegerAndLengthHeads() {
        assertThat(hex(new CborWriter().writeUnsigned(0xFF))).isEqualTo("18ff");
        assertThat(hex(new CborWriter().writeUnsigned(0x100))).isEqualTo("190100");
        assertThat(hex(new CborWriter().writeUnsigned(0xFFFF))).isEqualTo("19ffff");
        assertThat(hex(new CborWriter().writeUnsigned(0x10000))).isEqualTo("1a00010000");
        assertThat(hex(new CborWriter().writeUnsigned(0xFFFF_FFFFL))).isEqualTo("1affffffff");
        assertThat(hex(new CborWriter().writeUnsigned(0x1_0000_0000L))).isEqualTo("1b0000000100000000");
        assertThat(hex(new CborWriter().writeInteger(-1))).isEqualTo("20");
        assertThat(hex(new CborWriter().writeInteger(Long.MIN_VALUE))).isEqualTo("3b7fffffffffffffff");
        assertThat(hex(new CborWriter().writeBytes(new byte[24]))).startsWith("5818");
        assertThat(hex(new CborWriter().writeText("x".repeat(256)))).startsWith("790100");
        List<CborValue> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new CborValue.Null());
        }
        assertThat(hex(new CborWriter().write(new CborValue.Array(many)))).startsWith("99012cf6");
    }

    @Test
    void writerPicksTheShortestExactFloatWidth() {
        assertThat(hex(new CborWriter().writeFloat(0.5))).isEqualTo("f93800");
        assertThat(hex(new CborWriter().writeFloat(0.25))).isEqualTo("f93400");
        assertThat(hex(new CborWriter().writeFloat(65504.0))).isEqualTo("f97bff");
        assertThat(hex(new CborWriter().writeFloat(65520.0))).isEqualTo("fa477ff000");
        assertThat(hex(new CborWriter().writeFloat(0.1f))).isEqualTo("fa3dcccccd");
        assertThat(hex(new CborWriter().writeFloat(0.1))).isEqualTo("fb3fb999999999999a");
        assertThat(hex(new CborWriter().writeFloat(Math.scalb(1.0, -24)))).isEqualTo("f90001");
        assertThat(hex(new CborWriter().writeFloat(Math.scalb(1.0, -25)))).isEqualTo("fa33000000");
        assertThat(hex(new CborWriter().writeFloat(Math.scalb(3.0, -24)))).isEqualTo("f90003");
        assertThat(hex(new CborWriter().writeFloat(Double.MIN_VALUE))).isEqualTo("fb0000000000000001");
        assertThat(hex(new CborWriter().writeFloat(Float.MIN_VALUE))).isEqualTo("fa00000001");
    }

    @Test
    void floatsRoundTripExactlyThroughEveryWidth() {
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> Float.intBitsToFloat(rnd.nextInt());
                default -> Half.toDouble(rnd.nextInt(0x10000));
            };
            CborValue back = CborReader.decode(CborWriter.encode(fl(d))).orElseThrow();
            assertThat(back).isEqualTo(fl(d));
        }
    }

    @Test
    void allHalfFloatsDecodeLikeTheirSingleEquivalent() {
        for (int h = 0; h < 0x10000; h++) {
            double d = Half.toDouble(h);
            if (!Double.isNaN(d)) {
                assertThat(Half.exactBits((float) d)).as("half %04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void writerRefusesReservedSimpleValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CborWriter().writeSimple(24))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(CborWriter w) {
        return HEX.formatHex(w.toByteArray());
    }
}
