package dev.parley.common.cbor;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Seeded random inputs for robustness tests: random byte strings biased towards CBOR's interesting
 * initial bytes, and mutations of valid encodings (bit flips, truncations, insertions, deletions,
 * overwrites, duplicated slices). Deterministic per seed, so a failure names its seed and input.
 */
public final class Mutator {
    private static final int[] INTERESTING = {0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x3b, 0x3f,
            0x40, 0x58, 0x5b, 0x5f, 0x60, 0x61, 0x78, 0x7b, 0x7f, 0x80, 0x81, 0x98, 0x9b, 0x9f, 0xa0, 0xa1, 0xb8, 0xbb,
            0xbf, 0xc0, 0xd8, 0xdb, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xff, 0xc3, 0xed, 0xbe, 0xef};

    private final Random rnd;

    public Mutator(long seed) {
        this.rnd = new Random(seed);
    }

    public Random random() {
        return rnd;
    }

    public int nextByte() {
        return rnd.nextInt(3) == 0 ? INTERESTING[rnd.nextInt(INTERESTING.length)] : rnd.nextInt(256);
    }

    /** 0..maxLength random bytes. */
    public byte[] randomBytes(int maxLength) {
        byte[] b = new byte[rnd.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) nextByte();
        }
        return b;
    }

    /** 1 to 4 random mutations of {@code valid}. */
    public byte[] mutate(byte[] valid) {
        byte[] b = valid.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = mutateOnce(b);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] b) {
        int op = rnd.nextInt(6);
        if (b.length == 0) {
            op = 2;
        }
        switch (op) {
            case 0 -> { // bit flip
                int i = rnd.nextInt(b.length);
                b[i] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            }
            case 1 -> { // truncate
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 2 -> { // insert 1..8 bytes
                int at = rnd.nextInt(b.length + 1);
                int n = 1 + rnd.nextInt(8);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) nextByte();
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case 3 -> { // delete a range
                int at = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(16, b.length - at));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 4 -> { // overwrite with an interesting byte
                b[rnd.nextInt(b.length)] = (byte) INTERESTING[rnd.nextInt(INTERESTING.length)];
                return b;
            }
            default -> { // duplicate a slice in place
                int from = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(32, b.length - from));
                int at = rnd.nextInt(b.length + 1);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, from, out, at, n);
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
        }
    }

    public static String hex(byte[] b) {
        return b.length > 512 ? HexFormat.of().formatHex(b, 0, 512) + "...(" + b.length + " bytes)" : HexFormat.of().formatHex(b);
    }
}
