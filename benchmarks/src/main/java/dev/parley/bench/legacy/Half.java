package dev.parley.bench.legacy;

/** IEEE 754 binary16 conversions (Java 17 has no Float.float16ToFloat). */
final class Half {
    private Half() {
    }

    static double toDouble(int half) {
        int sign = (half & 0x8000) != 0 ? -1 : 1;
        int exp = (half >>> 10) & 0x1F;
        int mant = half & 0x3FF;
        if (exp == 0) {
            return sign * Math.scalb((double) mant, -24);
        }
        if (exp == 31) {
            return mant == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * Math.scalb((double) (mant | 0x400), exp - 25);
    }

    /** The binary16 bits that represent {@code f} exactly, or -1 when there are none. NaN is not handled here. */
    static int exactBits(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        int result;
        if (exp == 0xFF) {
            result = mant == 0 ? sign | 0x7C00 : -1;
        } else if (exp == 0) {
            result = mant == 0 ? sign : -1; // float subnormals are far below the half range
        } else {
            int e = exp - 127;
            if (e > 15 || e < -24) {
                result = -1;
            } else if (e >= -14) {
                result = (mant & 0x1FFF) != 0 ? -1 : sign | ((e + 15) << 10) | (mant >>> 13);
            } else {
                int full = 0x800000 | mant;
                int shift = -(e + 1);
                result = (full & ((1 << shift) - 1)) != 0 ? -1 : sign | (full >>> shift);
            }
        }
        return result >= 0 && toDouble(result) == f ? result : -1;
    }
}
