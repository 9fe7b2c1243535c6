package dev.parley.bench.legacy;

import dev.parley.common.cbor.CborValue;
import dev.parley.common.domain.DecodeError.Reason;

import java.nio.charset.StandardCharsets;

/**
 * Typed, range-checked access to the fields of one CBOR map of a control message. Every problem
 * becomes a {@link WireFailure} naming the field, so the decoders read like the spec's field table.
 */
final class Fields {
    static final long U32_MAX = 0xFFFF_FFFFL;

    private final CborValue.MapValue map;
    private final String where;

    Fields(CborValue.MapValue map, String where) {
        this.map = map;
        this.where = where;
    }

    CborValue.MapValue map() {
        return map;
    }

    CborValue require(String key) {
        CborValue v = map.entries().get(key);
        if (v == null) {
            throw fail(Reason.MISSING_KEY, key, "is missing");
        }
        return v;
    }

    /** A peer id: 1..2^63-1. */
    long peerId(String key) {
        long v = unsignedBits(key);
        if (v <= 0) {
            throw fail(Reason.OUT_OF_RANGE, key, "must be in 1..2^63-1, got " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** An unsigned integer that fits a Java long: 0..2^63-1 (room_id, counters, bit rates). */
    long u63(String key) {
        long v = unsignedBits(key);
        if (v < 0) {
            throw fail(Reason.OUT_OF_RANGE, key, "must be in 0..2^63-1, got " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** 0..2^32-1 (key_id, ssrc). */
    long u32(String key) {
        long v = unsignedBits(key);
        if (Long.compareUnsigned(v, U32_MAX) > 0) {
            throw fail(Reason.OUT_OF_RANGE, key, "must be in 0..2^32-1, got " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** Any unsigned integer 0..2^64-1, as the bits of a long read as unsigned. */
    long unsignedBits(String key) {
        if (require(key) instanceof CborValue.UInt u) {
            return u.bits();
        }
        throw fail(Reason.WRONG_TYPE, key, "must be an unsigned integer");
    }

    /** A (float) field: a CBOR float or an unsigned integer, finite, in {@code 0..max}. */
    double nonNegativeNumber(String key, double max) {
        CborValue v = require(key);
        double d;
        if (v instanceof CborValue.FloatValue f) {
            d = f.value();
        } else if (v instanceof CborValue.UInt u) {
            d = u.bits() >= 0 ? u.bits() : Math.scalb((double) (u.bits() >>> 1), 1);
        } else if (v instanceof CborValue.NegInt) {
            throw fail(Reason.OUT_OF_RANGE, key, "must not be negative");
        } else {
            throw fail(Reason.WRONG_TYPE, key, "must be a number");
        }
        if (!(d >= 0 && d <= max)) { // also refuses NaN
            throw fail(Reason.OUT_OF_RANGE, key, "must be in 0.." + max + ", got " + d);
        }
        return d;
    }

    String text(String key, int maxUtf8Bytes) {
        if (require(key) instanceof CborValue.Text t) {
            if (utf8Length(t.value()) > maxUtf8Bytes) {
                throw fail(Reason.TOO_LARGE, key, "is longer than " + maxUtf8Bytes + " bytes");
            }
            return t.value();
        }
        throw fail(Reason.WRONG_TYPE, key, "must be a text string");
    }

    byte[] bytes(String key, int exactLength) {
        if (require(key) instanceof CborValue.Bytes b) {
            if (b.length() != exactLength) {
                throw fail(Reason.WRONG_LENGTH, key, "must be " + exactLength + " bytes, got " + b.length());
            }
            return b.value();
        }
        throw fail(Reason.WRONG_TYPE, key, "must be a byte string");
    }

    CborValue.Array array(String key, int maxItems) {
        if (require(key) instanceof CborValue.Array a) {
            if (a.items().size() > maxItems) {
                throw fail(Reason.TOO_LARGE, key, "has " + a.items().size() + " items, at most " + maxItems + " allowed");
            }
            return a;
        }
        throw fail(Reason.WRONG_TYPE, key, "must be an array");
    }

    CborValue.MapValue mapField(String key) {
        if (require(key) instanceof CborValue.MapValue m) {
            return m;
        }
        throw fail(Reason.WRONG_TYPE, key, "must be a map");
    }

    WireFailure fail(Reason reason, String key, String what) {
        return new WireFailure(reason, where + "." + key + " " + what);
    }

    static int utf8Length(String s) {
        // the common ASCII case without allocating
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
