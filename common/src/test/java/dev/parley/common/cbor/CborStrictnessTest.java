package dev.parley.common.cbor;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.DecodeError.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The head check on its own, and through {@link CborReader} on the inputs Jackson's CBORParser
 * would otherwise accept or misread.
 */
class CborStrictnessTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> refusedHeads() {
        return Stream.of(
                arguments("c249010000000000000000", false, Reason.TAG), // Jackson: a BigInteger
                arguments("d9d9f700", false, Reason.TAG), // self-describe, Jackson skips it
                arguments("c0", false, Reason.TAG),
                arguments("01", true, Reason.NON_TEXT_KEY), // Jackson: the name "1"
                arguments("4161", true, Reason.NON_TEXT_KEY), // Jackson: the name "a"
                arguments("c06161", true, Reason.NON_TEXT_KEY),
                arguments("62c080", false, Reason.INVALID_UTF8), // overlong: Jackson decodes it
                arguments("63eda080", false, Reason.INVALID_UTF8), // a surrogate
                arguments("64f0288cbc", false, Reason.INVALID_UTF8), // Jackson skips 4-byte continuation checks
                arguments("64f4908080", false, Reason.INVALID_UTF8), // above U+10FFFF
                arguments("7f61c361bcff", false, Reason.INVALID_UTF8), // a character split across chunks
                arguments("5a80000000", false, Reason.TRUNCATED), // Jackson: a negative length, read as indefinite
                arguments("9a80000000", false, Reason.TRUNCATED),
                arguments("ba7fffffff00", false, Reason.TRUNCATED),
                arguments("7b7fffffffffffffff61", false, Reason.TRUNCATED),
                arguments("5f5a8000000000ff", false, Reason.TRUNCATED),
                arguments("5f6161ff", false, Reason.MALFORMED),
                arguments("1c", false, Reason.MALFORMED),
                arguments("5a0000", false, Reason.TRUNCATED));
    }

    @ParameterizedTest(name = "{0} key={1} -> {2}")
    @MethodSource("refusedHeads")
    void refusesWhatJacksonLetsThrough(String hex, boolean key, Reason reason) {
        byte[] in = HEX.parseHex(hex);
        DecodeError e = CborStrictness.check(in, 0, in.length, key);
        assertThat(e).as(hex).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.message()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "1bffffffffffffffff", "3bffffffffffffffff", "6161", "63e6b0b4", "64f09f8e89",
            "5f4101ff", "7f6161ff", "9f", "bf", "83010203", "a0", "f97e00", "f8ff", "f7", "ff", ""})
    void passesWellFormedHeads(String hex) {
        byte[] in = HEX.parseHex(hex);
        assertThat(CborStrictness.check(in, 0, in.length, false)).as(hex).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"6161", "7f6161ff", "ff"})
    void keysMayBeTextOrTheBreak(String hex) {
        byte[] in = HEX.parseHex(hex);
        assertThat(CborStrictness.check(in, 0, in.length, true)).isNull();
    }

    static Stream<Arguments> readerRefusals() {
        return Stream.of(
                arguments("a16161c24101", Reason.TAG), // a bignum Jackson would hand over as a number
                arguments("9fd0ff", Reason.TAG), // a tag before a break, which Jackson skips
                arguments("bf6161f6c0ff", Reason.NON_TEXT_KEY),
                arguments("c8", Reason.TAG), // a lone root tag: Jackson sees no token at all
                arguments("a10100", Reason.NON_TEXT_KEY),
                arguments("a162c08000", Reason.INVALID_UTF8), // in a key, which Jackson decodes eagerly
                arguments("a2616101616102", Reason.DUPLICATE_KEY), // Jackson's own duplicate detection
                arguments("9a80000000", Reason.TRUNCATED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("readerRefusals")
    void readerMapsEveryRefusalToItsReason(String hex, Reason reason) {
        var d = CborReader.decode(HEX.parseHex(hex));
        assertThat(d.isOk()).as("%s decoded to %s", hex, d).isFalse();
        assertThat(d.errorOrNull().reason()).isEqualTo(reason);
    }
}
