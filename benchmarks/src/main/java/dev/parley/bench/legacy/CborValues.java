package dev.parley.bench.legacy;

import dev.parley.common.cbor.CborValue;

/** Small structural queries on {@link CborValue} trees. */
public final class CborValues {
    private CborValues() {
    }

    /**
     * Nesting depth as {@link CborReader#MAX_DEPTH} counts it: 0 for a scalar, 1 for an array or map
     * of scalars, one more per level of containers.
     */
    public static int depth(CborValue value) {
        int inner = 0;
        if (value instanceof CborValue.Array a) {
            for (CborValue item : a.items()) {
                inner = Math.max(inner, depth(item));
            }
            return inner + 1;
        }
        if (value instanceof CborValue.MapValue m) {
            for (CborValue item : m.entries().values()) {
                inner = Math.max(inner, depth(item));
            }
            return inner + 1;
        }
        return 0;
    }
}
