package dev.parley.common.cbor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CBOR data item, as far as Parley allows them: no tags, and maps only with text keys
 * (PROTOCOL.md section 5.1). Immutable.
 */
public sealed interface CborValue {

    /** Major type 0: an unsigned integer, 0..2^64-1, held in a long read as unsigned. */
    record UInt(long bits) implements CborValue {
        public static UInt of(long nonNegative) {
            if (nonNegative < 0) {
                throw new IllegalArgumentException("negative");
            }
            return new UInt(nonNegative);
        }

        /** True when the value fits 0..2^63-1. */
        public boolean fitsSignedLong() {
            return bits >= 0;
        }
    }

    /** Major type 1: the integer -1 - n, with n held as unsigned bits. */
    record NegInt(long nBits) implements CborValue {
    }

    /** Major type 2. */
    record Bytes(byte[] value) implements CborValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + "]";
        }
    }

    /** Major type 3: valid UTF-8 text. */
    record Text(String value) implements CborValue {
    }

    /** Major type 4. */
    record Array(List<CborValue> items) implements CborValue {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** Major type 5 with text keys only; keeps insertion (wire) order. */
    record MapValue(Map<String, CborValue> entries) implements CborValue {
        public MapValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<CborValue> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }
    }

    /** Major type 7 floats (half, single or double on the wire). */
    record FloatValue(double value) implements CborValue {
    }

    /** true or false. */
    record Bool(boolean value) implements CborValue {
    }

    /** null. */
    record Null() implements CborValue {
    }

    /** undefined. */
    record Undefined() implements CborValue {
    }

    /** Any other simple value (0..19, 32..255). */
    record Simple(int value) implements CborValue {
    }
}
