package dev.parley.bench.legacy;

import dev.parley.common.cbor.CborValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Deterministic CBOR encoder (RFC 8949) for {@link CborValue}, as PROTOCOL.md section 5.1 asks of
 * senders: definite lengths only, shortest integer and length encodings, map entries in the
 * map's stored order.
 *
 * <p>Floats use the RFC 8949 preferred serialization: the shortest of half, single or double
 * precision that represents the value exactly (so 0.5 is {@code f9 3800}, 0.1 is a double).
 * Every NaN is written as the half-precision quiet NaN {@code f9 7e00}.
 *
 * <p>Use {@link #encode(CborValue)} for a whole value, or an instance to stream items.
 */
public final class CborWriter {

    private byte[] buf;
    private int size;

    public CborWriter() {
        this(64);
    }

    public CborWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
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
            head(1, n.nBits());
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
            put(0xF6);
        } else if (value instanceof CborValue.Undefined) {
            put(0xF7);
        } else if (value instanceof CborValue.Simple s) {
            writeSimple(s.value());
        } else {
            throw new IllegalArgumentException("null CBOR value");
        }
        return this;
    }

    /** An unsigned integer, {@code bits} read as unsigned 64-bit. */
    public CborWriter writeUnsigned(long bits) {
        head(0, bits);
        return this;
    }

    /** Any signed long: major type 0 when non-negative, else major type 1. */
    public CborWriter writeInteger(long value) {
        if (value >= 0) {
            head(0, value);
        } else {
            head(1, -1 - value);
        }
        return this;
    }

    public CborWriter writeBytes(byte[] bytes) {
        head(2, bytes.length);
        putAll(bytes);
        return this;
    }

    public CborWriter writeText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        putAll(utf8);
        return this;
    }

    /** The head of a definite-length array; the caller then writes {@code count} items. */
    public CborWriter startArray(int count) {
        head(4, count);
        return this;
    }

    /** The head of a definite-length map; the caller then writes {@code count} text keys and values. */
    public CborWriter startMap(int count) {
        head(5, count);
        return this;
    }

    /** A float in the shortest exact width (see the class comment). */
    public CborWriter writeFloat(double value) {
        if (Double.isNaN(value)) {
            put(0xF9);
            put(0x7E);
            put(0x00);
            return this;
        }
        float f = (float) value;
        if ((double) f == value) {
            int half = Half.exactBits(f);
            if (half >= 0) {
                put(0xF9);
                put(half >>> 8);
                put(half);
            } else {
                put(0xFA);
                putBig(Float.floatToRawIntBits(f) & 0xFFFF_FFFFL, 4);
            }
        } else {
            put(0xFB);
            putBig(Double.doubleToRawLongBits(value), 8);
        }
        return this;
    }

    public CborWriter writeBool(boolean value) {
        put(value ? 0xF5 : 0xF4);
        return this;
    }

    public CborWriter writeNull() {
        put(0xF6);
        return this;
    }

    /** A simple value 0..19 or 32..255 (20..31 are booleans, null, undefined, floats and break). */
    public CborWriter writeSimple(int value) {
        if (value < 0 || value > 255 || (value >= 20 && value < 32)) {
            throw new IllegalArgumentException("simple value must be 0..19 or 32..255, got " + value);
        }
        if (value < 20) {
            put(0xE0 | value);
        } else {
            put(0xF8);
            put(value);
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public int size() {
        return size;
    }

    private void head(int major, long arg) {
        int mt = major << 5;
        if (Long.compareUnsigned(arg, 24) < 0) {
            put(mt | (int) arg);
        } else if (Long.compareUnsigned(arg, 0xFF) <= 0) {
            put(mt | 24);
            put((int) arg);
        } else if (Long.compareUnsigned(arg, 0xFFFF) <= 0) {
            put(mt | 25);
            putBig(arg, 2);
        } else if (Long.compareUnsigned(arg, 0xFFFF_FFFFL) <= 0) {
            put(mt | 26);
            putBig(arg, 4);
        } else {
            put(mt | 27);
            putBig(arg, 8);
        }
    }

    private void putBig(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            put((int) (v >>> (8 * i)));
        }
    }

    private void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    private void putAll(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
