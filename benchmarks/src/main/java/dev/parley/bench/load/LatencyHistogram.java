package dev.parley.bench.load;

/**
 * Latencies in 1 µs buckets from 0 to {@value #MAX_MICROS} µs, plus one overflow bucket. Not
 * thread-safe: each event loop records into its own and they are merged after the window.
 */
final class LatencyHistogram {
    static final int MAX_MICROS = 200_000;
    private final long[] buckets = new long[MAX_MICROS + 2];
    private long count;
    private long sumMicros;
    private long maxMicros;

    void recordNanos(long nanos) {
        long us = nanos < 0 ? 0 : nanos / 1000;
        int i = us > MAX_MICROS ? MAX_MICROS + 1 : (int) us;
        buckets[i]++;
        count++;
        sumMicros += us;
        if (us > maxMicros) {
            maxMicros = us;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] += other.buckets[i];
        }
        count += other.count;
        sumMicros += other.sumMicros;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    long count() {
        return count;
    }

    long maxMicros() {
        return maxMicros;
    }

    double meanMicros() {
        return count == 0 ? Double.NaN : (double) sumMicros / count;
    }

    /** The value at quantile q (0..1) in µs; {@code MAX_MICROS + 1} means "beyond the range". */
    long percentileMicros(double q) {
        if (count == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * count);
        if (rank < 1) {
            rank = 1;
        }
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MICROS + 1;
    }

    LatencyHistogram copy() {
        LatencyHistogram h = new LatencyHistogram();
        h.add(this);
        return h;
    }
}
