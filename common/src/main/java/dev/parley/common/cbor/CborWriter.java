package dev.parley.common.cbor;

import tools.jackson.core.io.SerializedString;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Deterministic CBOR encoder (RFC 8949) for {@link CborValue}, as PROTOCOL.md section 5.1 asks of
 * senders, on Jackson's {@code CBORGenerator}: definite lengths only, shortest integer and length
 * encodings, map entries in the map's stored order.
 *
 * <p>Floats use the RFC 8949 preferred serialization: the shortest of half, single or double
 * precision that represents the value exactly (so 0.5 is {@code f9 3800}, 0.1 is a double).
 * Every NaN is written as the half-precision quiet NaN {@code f9 7e00}. Jackson writes no half
 * floats, no negative integers below -2^63, no simple values and no undefined: those few items are
 * encoded here and handed to the generator whole.
 *
 * <p>Use {@link #encode(CborValue)} for a whole value, or an instance to stream items: arrays and
 * maps have definite lengths, so each closes by itself after its last item, and in a map every
 * other item is a key, which must be text. {@link #toByteArray()} ends the writer.
 */
public final class CborWriter {
    private static final byte[] NAN = {(byte) 0xF9, 0x7E, 0x00};
    private static final byte[] UNDEFINED = {(byte) 0xF7};
    /** Jackson splits longer names into chunks (an indefinite-length string); longer keys go as UTF-8. */
    private static final int SHORT_KEY_CHARS = 255;

    private final ByteArrayOutputStream out;
    private final CborFormat.Generator gen;
    /** Items still to come in each open array or map; a map counts keys and values. */
    private int[] remaining = new int[8];
    private boolean[] isMap = new boolean[8];
    private int depth;
    private boolean finished;

    public CborWriter() {
        this(64);
    }

    public CborWriter(int initialCapacity) {
        out = new ByteArrayOutputStream(Math.max(16, initialCapacity));
        gen = (CborFormat.Generator) CborFormat.FACTORY.createGenerator(out);
    }

    /** The encoding of {@code value}. */
    public static byte[] encode(CborValue value) {
        return new CborWriter().write(value).toByteArray();
    }

    /** Appends any value; maps are written in their stored order. */
    public CborWriter write(CborValue value) {
        if (value instanceof CborValue.UInt u) {
            writeUnsigned(u.bits());
        } else if (value instanceof CborValue.NegInt n) {
            writeNegative(n.nBits());
        } else if (value instanceof CborValue.Bytes b) {
            writeBytes(b.value());
        } else if (value instanceof CborValue.Text t) {
            writeText(t.value());
        } else if (value instanceof CborValue.Array a) {
            startArray(a.items().size());
            a.items().forEach(this::write);
        } else if (value instanceof CborValue.MapValue m) {
            startMap(m.entries().size());
            for (Map.Entry<String, CborValue> e : m.entries().entrySet()) {
                writeText(e.getKey());
                write(e.getValue());
            }
        } else if (value instanceof CborValue.FloatValue f) {
            writeFloat(f.value());
        } else if (value instanceof CborValue.Bool b) {
            writeBool(b.value());
        } else if (value instanceof CborValue.Null) {
            writeNull();
        } else if (value instanceof CborValue.Undefined) {
            encoded(UNDEFINED);
        } else if (value instanceof CborValue.Simple s) {
            writeSimple(s.value());
        } else {
            throw new IllegalArgumentException("null CBOR value");
        }
        return this;
    }

    /** An unsigned integer, {@code bits} read as unsigned 64-bit. */
    public CborWriter writeUnsigned(long bits) {
        value();
        try {
            gen.writeNumberUnsigned(bits);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return done();
    }

    /** Any signed long: major type 0 when non-negative, else major type 1. */
    public CborWriter writeInteger(long value) {
        value();
        gen.writeNumber(value);
        return done();
    }

    public CborWriter writeBytes(byte[] bytes) {
        value();
        gen.writeBinary(bytes);
        return done();
    }

    public CborWriter writeText(String text) {
        if (atKey()) {
            if (text.length() <= SHORT_KEY_CHARS) {
                gen.writeName(text);
            } else {
                gen.writeName(new SerializedString(text));
            }
            remaining[depth - 1]--;
            return this;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        gen.writeUTF8String(utf8, 0, utf8.length);
        return done();
    }

    /** The head of a definite-length array; the caller then writes {@code count} items. */
    public CborWriter startArray(int count) {
        value();
        gen.writeStartArray(null, count);
        return open(count, false);
    }

    /** The head of a definite-length map; the caller then writes {@code count} text keys and values. */
    public CborWriter startMap(int count) {
        value();
        gen.writeStartObject(null, count);
        return open(2 * count, true);
    }

    /** A float in the shortest exact width (see the class comment). */
    public CborWriter writeFloat(double value) {
        if (Double.isNaN(value)) {
            return encoded(NAN);
        }
        float f = (float) value;
        if ((double) f != value) {
            value();
            gen.writeNumber(value);
            return done();
        }
        int half = Half.exactBits(f);
        if (half >= 0) {
            return encoded(new byte[] {(byte) 0xF9, (byte) (half >>> 8), (byte) half});
        }
        value();
        gen.writeNumber(f);
        return done();
    }

    public CborWriter writeBool(boolean value) {
        value();
        gen.writeBoolean(value);
        return done();
    }

    public CborWriter writeNull() {
        value();
        gen.writeNull();
        return done();
    }

    /** A simple value 0..19 or 32..255 (20..31 are booleans, null, undefined, floats and break). */
    public CborWriter writeSimple(int value) {
        if (value < 0 || value > 255 || (value >= 20 && value < 32)) {
            throw new IllegalArgumentException("simple value must be 0..19 or 32..255, got " + value);
        }
        return encoded(value < 20 ? new byte[] {(byte) (0xE0 | value)} : new byte[] {(byte) 0xF8, (byte) value});
    }

    /**
     * The bytes written. Once every array and map is complete this ends the writer, which returns
     * Jackson's buffers; a writer left inside an array or map (a test's partial item) only flushes.
     */
    public byte[] toByteArray() {
        if (!finished) {
            if (depth == 0) {
                finished = true;
                gen.close();
            } else {
                gen.flush();
            }
        }
        return out.toByteArray();
    }

    public int size() {
        if (!finished) {
            gen.flush();
        }
        return out.size();
    }

    /** {@code -1 - nBits}, nBits read as unsigned: beyond a long below -2^63, where Jackson would write a bignum tag. */
    private void writeNegative(long nBits) {
        if (nBits >= 0) {
            writeInteger(-1 - nBits);
            return;
        }
        byte[] item = new byte[9];
        item[0] = 0x3B;
        for (int i = 0; i < 8; i++) {
            item[8 - i] = (byte) (nBits >>> (8 * i));
        }
        encoded(item);
    }

    private CborWriter encoded(byte[] item) {
        value();
        gen.writeEncodedValue(item);
        return done();
    }

    private boolean atKey() {
        requireOpen();
        return depth > 0 && isMap[depth - 1] && remaining[depth - 1] % 2 == 0;
    }

    /** Before a value: a map key must be text. */
    private void value() {
        if (atKey()) {
            throw new IllegalArgumentException("a map key must be a text string");
        }
    }

    private CborWriter open(int items, boolean map) {
        if (depth == remaining.length) {
            remaining = Arrays.copyOf(remaining, depth * 2);
            isMap = Arrays.copyOf(isMap, depth * 2);
        }
        remaining[depth] = items;
        isMap[depth] = map;
        depth++;
        return items == 0 ? closeFull() : this;
    }

    /** One value written: counts it, and closes every array or map it completes. */
    private CborWriter done() {
        if (depth > 0) {
            remaining[depth - 1]--;
        }
        return closeFull();
    }

    private CborWriter closeFull() {
        while (depth > 0 && remaining[depth - 1] == 0) {
            depth--;
            if (isMap[depth]) {
                gen.writeEndObject();
            } else {
                gen.writeEndArray();
            }
            if (depth > 0) {
                remaining[depth - 1]--;
            }
        }
        return this;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("toByteArray() has ended this writer");
        }
    }
}
