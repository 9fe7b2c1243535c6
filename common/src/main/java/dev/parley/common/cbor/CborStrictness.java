package dev.parley.common.cbor;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.DecodeError.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The receiver rules of PROTOCOL.md 5.1 that Jackson's CBORParser does not enforce, checked on the
 * raw head of each item before Jackson decodes its content. Jackson accepts and interprets tags
 * (bignums become numbers), turns integer and byte-string map keys into names, decodes UTF-8
 * leniently (overlong forms, surrogates, unchecked continuation bytes), and reads a 32-bit length
 * of 2^31 or more as "indefinite". This check refuses each of those, and every declared length or
 * count that the remaining input cannot hold, so nothing is sized from it.
 */
final class CborStrictness {
    private static final int BREAK = 0xFF;

    private CborStrictness() {
    }

    /**
     * What is wrong with the item whose head is at {@code in[pos]} (input ending at {@code end}), or
     * null when Jackson may decode it. {@code key}: the item is in a map's key position.
     */
    static DecodeError check(byte[] in, int pos, int end, boolean key) {
        if (pos >= end) {
            return null; // Jackson reports the end of input
        }
        int initial = in[pos] & 0xFF;
        int major = initial >>> 5;
        int info = initial & 0x1F;
        if (key && initial != BREAK && major != 3) {
            return DecodeError.of(Reason.NON_TEXT_KEY, "map key at offset " + pos + " is not a text string");
        }
        if (info >= 28 && info <= 30) {
            return DecodeError.of(Reason.MALFORMED, "reserved additional information " + info + " at offset " + pos);
        }
        if (major == 6) {
            return DecodeError.of(Reason.TAG, "CBOR tags are not allowed (offset " + pos + ")");
        }
        if (major < 2 || major > 5) {
            return null;
        }
        if (info == 31) {
            return major <= 3 ? chunks(in, pos + 1, end, major) : null;
        }
        return definite(in, pos, end, major, info);
    }

    /** A definite string, array or map head at {@code pos}: its length or count against the bytes left. */
    private static DecodeError definite(byte[] in, int pos, int end, int major, int info) {
        int body = pos + 1 + argumentBytes(info);
        if (body > end) {
            return DecodeError.of(Reason.TRUNCATED, "input ends at offset " + end + " inside the head at offset " + pos);
        }
        long n = argument(in, pos, info);
        int minBytesEach = major == 5 ? 2 : 1; // every item takes a byte, every map entry two
        long remaining = end - body;
        if (n < 0 || n > remaining / minBytesEach) {
            return DecodeError.of(Reason.TRUNCATED, (major <= 3 ? "string length " : major == 4 ? "array count " : "map count ")
                    + Long.toUnsignedString(n) + " exceeds the " + remaining + " bytes left at offset " + body);
        }
        if (major == 3 && !isUtf8(in, body, (int) n)) {
            return DecodeError.of(Reason.INVALID_UTF8, "text string at offset " + pos + " is not valid UTF-8");
        }
        return null;
    }

    /** The chunks of an indefinite-length string of {@code major}, from {@code pos} to its break. */
    private static DecodeError chunks(byte[] in, int pos, int end, int major) {
        while (true) {
            if (pos >= end) {
                return DecodeError.of(Reason.TRUNCATED, "input ends inside an indefinite-length string");
            }
            int initial = in[pos] & 0xFF;
            if (initial == BREAK) {
                return null;
            }
            int info = initial & 0x1F;
            if (initial >>> 5 != major || info >= 28) {
                return DecodeError.of(Reason.MALFORMED, "an indefinite-length string chunk must be a definite string"
                        + " of the same type (offset " + pos + ")");
            }
            DecodeError chunk = definite(in, pos, end, major, info); // RFC 8949 3.2.3: a chunk cannot split a character
            if (chunk != null) {
                return chunk;
            }
            pos += 1 + argumentBytes(info) + (int) argument(in, pos, info);
        }
    }

    private static int argumentBytes(int info) {
        return info < 24 ? 0 : 1 << (info - 24);
    }

    /** The argument of the head at {@code pos} (info 0..27, bytes present), as unsigned bits. */
    private static long argument(byte[] in, int pos, int info) {
        long n = info < 24 ? info : 0;
        for (int i = pos + 1; i <= pos + argumentBytes(info); i++) {
            n = (n << 8) | (in[i] & 0xFF);
        }
        return n;
    }

    /** Strict UTF-8 (RFC 3629) by the JDK's decoder: no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isUtf8(byte[] in, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (in[i] < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in, offset, length));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
