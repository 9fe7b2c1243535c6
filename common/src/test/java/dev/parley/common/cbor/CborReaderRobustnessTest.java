package dev.parley.common.cbor;

import dev.parley.common.domain.Decoded;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated input never makes the reader throw, and whatever it accepts survives a
 * canonical re-encoding unchanged. Seeded: a failure names the seed and the input.
 */
class CborReaderRobustnessTest {
    static final int TRIES = 3_000;

    private static final List<byte[]> VALID = List.of(
            hex("a26161016162820203"), hex("bf61610161629f0203ffff"), hex("826161bf61626163ff"),
            hex("9f018202039f0405ffff"), hex("5f42010243030405ff"), hex("7f657374726561646d696e67ff"),
            hex("a56161614161626142616361436164614461656145"), hex("fb3ff199999999999a"), hex("f97bff"),
            hex("1bffffffffffffffff"), hex("3bffffffffffffffff"), hex("64f0908591"), hex("f8ff"),
            hex("98190102030405060708090a0b0c0d0e0f101112131415161718181819"));

    @Test
    void randomBytesNeverThrow() {
        for (int seed = 0; seed < TRIES; seed++) {
            check(seed, new Mutator(seed).randomBytes(64));
        }
    }

    @Test
    void mutatedEncodingsNeverThrow() {
        for (int seed = 0; seed < TRIES; seed++) {
            Mutator m = new Mutator(seed);
            check(seed, m.mutate(VALID.get(m.random().nextInt(VALID.size()))));
        }
    }

    static void check(long seed, byte[] input) {
        Decoded<CborValue> d;
        try {
            d = CborReader.decode(input);
        } catch (Throwable t) {
            throw new AssertionError("seed " + seed + " input " + Mutator.hex(input) + " threw " + t, t);
        }
        if (d instanceof Decoded.Ok<CborValue> ok) {
            byte[] canonical = CborWriter.encode(ok.value());
            assertThat(CborReader.decode(canonical).orElseThrow()).as("seed %d", seed).isEqualTo(ok.value());
            assertThat(canonical.length).as("seed %d", seed).isLessThanOrEqualTo(input.length);
        } else if (d.errorOrNull() == null || d.errorOrNull().message() == null) {
            fail("seed " + seed + ": failure without an error");
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
