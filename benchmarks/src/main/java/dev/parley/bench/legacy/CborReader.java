package dev.parley.bench.legacy;

import dev.parley.common.cbor.CborValue;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict decoder of one CBOR data item (RFC 8949) into {@link CborValue}, as PROTOCOL.md section 5.1
 * asks of receivers.
 *
 * <p>Accepted: every well-formed encoding of the allowed types, including indefinite-length strings,
 * arrays and maps, half, single and double floats, and integers in longer than shortest form.
 * Refused, with a typed {@link DecodeError}: tags, duplicate map keys, non-text map keys, invalid
 * UTF-8 (overlong forms, surrogates, code points above U+10FFFF), trailing bytes, truncation,
 * reserved additional information 28-30, a break outside an indefinite-length item, a two-byte
 * simple value below 32, and nesting deeper than {@link #MAX_DEPTH}.
 *
 * <p>No length or count read from the input is used to allocate before it has been checked against
 * the bytes that remain, so every allocation is bounded by the input size. Never throws: every
 * outcome is a {@link Decoded}.
 */
public final class CborReader {

    /**
     * Maximum nesting of arrays and maps: a top-level map is at depth 1, so this allows a map in an
     * array in a map (the deepest Parley message) with ample room and stops stack-exhaustion input.
     */
    public static final int MAX_DEPTH = 16;

    private static final int BREAK = 0xFF;

    private final byte[] in;
    private final int end;
    private int pos;

    private CborReader(byte[] in, int offset, int length) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Decodes {@code input}, which must hold exactly one data item. */
    public static Decoded<CborValue> decode(byte[] input) {
        if (input == null) {
            return Decoded.failed(Reason.TRUNCATED, "no input");
        }
        return decode(input, 0, input.length);
    }

    /** Decodes {@code input[offset, offset+length)}, which must hold exactly one data item. */
    public static Decoded<CborValue> decode(byte[] input, int offset, int length) {
        if (input == null || offset < 0 || length < 0 || offset > input.length - length) {
            return Decoded.failed(Reason.INVALID, "offset and length do not fit the input");
        }
        CborReader r = new CborReader(input, offset, length);
        try {
            CborValue v = r.readItem(0);
            if (r.pos != r.end) {
                return Decoded.failed(Reason.TRAILING_BYTES,
                        (r.end - r.pos) + " bytes follow the data item at offset " + (r.pos - offset));
            }
            return Decoded.ok(v);
        } catch (Failure f) {
            return Decoded.failed(f.error);
        }
    }

    private CborValue readItem(int depth) {
        int initial = readByte();
        int major = initial >>> 5;
        int info = initial & 0x1F;
        if (initial == BREAK) {
            throw fail(Reason.MALFORMED, "break (0xff) outside an indefinite-length item at offset " + (pos - 1));
        }
        if (info >= 28 && info <= 30) {
            throw fail(Reason.MALFORMED, "reserved additional information " + info + " at offset " + (pos - 1));
        }
        return switch (major) {
            case 0 -> new CborValue.UInt(argument(info, major));
            case 1 -> new CborValue.NegInt(argument(info, major));
            case 2 -> new CborValue.Bytes(info == 31 ? indefiniteString(2) : definiteString(argument(info, major)));
            case 3 -> new CborValue.Text(info == 31 ? indefiniteText() : utf8(definiteString(argument(info, major))));
            case 4 -> readArray(info, depth + 1);
            case 5 -> readMap(info, depth + 1);
            case 6 -> throw fail(Reason.TAG, "CBOR tags are not allowed (offset " + (pos - 1) + ")");
            default -> readSimpleOrFloat(info);
        };
    }

    /** The argument of a head whose additional information is 0..27, as unsigned bits. */
    private long argument(int info, int major) {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> readByte();
            case 25 -> readUnsigned(2);
            case 26 -> readUnsigned(4);
            case 27 -> readUnsigned(8);
            default -> throw fail(Reason.MALFORMED,
                    "indefinite length is not allowed for major type " + major + " at offset " + (pos - 1));
        };
    }

    private byte[] definiteString(long length) {
        requireRemaining(length, 1, "string length");
        int n = (int) length;
        byte[] out = new byte[n];
        System.arraycopy(in, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Concatenates the definite-length chunks of an indefinite-length string of {@code major}. */
    private byte[] indefiniteString(int major) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int initial = readByte();
            if (initial == BREAK) {
                return out.toByteArray();
            }
            int info = initial & 0x1F;
            if (initial >>> 5 != major || info == 31 || (info >= 28 && info <= 30)) {
                throw fail(Reason.MALFORMED, "an indefinite-length string chunk must be a definite string of the same type"
                        + " (offset " + (pos - 1) + ")");
            }
            byte[] chunk = definiteString(argument(info, major));
            if (major == 3) {
                validateUtf8(chunk); // RFC 8949 3.2.3: a chunk cannot split a character
            }
            out.write(chunk, 0, chunk.length);
        }
    }

    private String indefiniteText() {
        return new String(indefiniteString(3), StandardCharsets.UTF_8);
    }

    private String utf8(byte[] bytes) {
        validateUtf8(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private CborValue readArray(int info, int depth) {
        checkDepth(depth);
        List<CborValue> items;
        if (info == 31) {
            items = new ArrayList<>();
            while (!atBreak()) {
                items.add(readItem(depth));
            }
            pos++;
        } else {
            long count = argument(info, 4);
            requireRemaining(count, 1, "array count");
            items = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                items.add(readItem(depth));
            }
        }
        return new CborValue.Array(items);
    }

    private CborValue readMap(int info, int depth) {
        checkDepth(depth);
        Map<String, CborValue> entries = new LinkedHashMap<>();
        if (info == 31) {
            while (!atBreak()) {
                readEntry(entries, depth);
            }
            pos++;
        } else {
            long count = argument(info, 5);
            requireRemaining(count, 2, "map count");
            for (long i = 0; i < count; i++) {
                readEntry(entries, depth);
            }
        }
        return new CborValue.MapValue(entries);
    }

    private void readEntry(Map<String, CborValue> entries, int depth) {
        int keyOffset = pos;
        if (pos < end && (in[pos] & 0xFF) != BREAK && (in[pos] & 0xFF) >>> 5 != 3) {
            throw fail(Reason.NON_TEXT_KEY, "map key at offset " + keyOffset + " is not a text string");
        }
        String key = ((CborValue.Text) readItem(depth)).value();
        if (entries.containsKey(key)) {
            throw fail(Reason.DUPLICATE_KEY, "map key \"" + printable(key) + "\" appears twice (offset " + keyOffset + ")");
        }
        entries.put(key, readItem(depth));
    }

    private CborValue readSimpleOrFloat(int info) {
        return switch (info) {
            case 20 -> new CborValue.Bool(false);
            case 21 -> new CborValue.Bool(true);
            case 22 -> new CborValue.Null();
            case 23 -> new CborValue.Undefined();
            case 24 -> {
                int v = readByte();
                if (v < 32) {
                    throw fail(Reason.MALFORMED, "two-byte simple value " + v + " below 32 at offset " + (pos - 2));
                }
                yield new CborValue.Simple(v);
            }
            case 25 -> new CborValue.FloatValue(Half.toDouble((int) readUnsigned(2)));
            case 26 -> new CborValue.FloatValue(Float.intBitsToFloat((int) readUnsigned(4)));
            case 27 -> new CborValue.FloatValue(Double.longBitsToDouble(readUnsigned(8)));
            case 31 -> throw fail(Reason.MALFORMED, "break (0xff) outside an indefinite-length item at offset " + (pos - 1));
            default -> new CborValue.Simple(info); // 0..19
        };
    }

    private boolean atBreak() {
        if (pos >= end) {
            throw fail(Reason.TRUNCATED, "input ends inside an indefinite-length item");
        }
        return (in[pos] & 0xFF) == BREAK;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail(Reason.MALFORMED, "arrays and maps nested deeper than " + MAX_DEPTH);
        }
    }

    /** Every item takes at least {@code minBytesEach} bytes, so a larger count cannot be honest. */
    private void requireRemaining(long count, int minBytesEach, String what) {
        long remaining = end - pos;
        if (count < 0 || count > remaining / minBytesEach) {
            throw fail(Reason.TRUNCATED, what + " " + Long.toUnsignedString(count) + " exceeds the "
                    + remaining + " bytes left at offset " + pos);
        }
    }

    private int readByte() {
        if (pos >= end) {
            throw fail(Reason.TRUNCATED, "input ends at offset " + pos + " inside a data item");
        }
        return in[pos++] & 0xFF;
    }

    private long readUnsigned(int n) {
        if (end - pos < n) {
            throw fail(Reason.TRUNCATED, "input ends at offset " + end + " inside a " + n + "-byte argument");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    /** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
    private void validateUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                throw badUtf8(i);
            }
            if (b.length - i - 1 < need) {
                throw badUtf8(i);
            }
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    throw badUtf8(i);
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw badUtf8(i);
            }
            i += need + 1;
        }
    }

    private Failure badUtf8(int index) {
        return fail(Reason.INVALID_UTF8, "text string is not valid UTF-8 (byte " + index + " of the string)");
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static Failure fail(Reason reason, String message) {
        return new Failure(DecodeError.of(reason, message));
    }

    /** Unwinds the recursive descent to {@link #decode}; never leaves this class. */
    private static final class Failure extends RuntimeException {
        private final transient DecodeError error;

        Failure(DecodeError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
