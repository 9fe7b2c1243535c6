package dev.parley.common.media;

import java.util.Arrays;

/**
 * The relative arrival delays of one stream's recent packets over a sliding time window, with their
 * minimum and a high percentile. Bounded: when more than {@code capacity} packets fall inside the
 * window the oldest are forgotten early. Allocation-free after construction.
 */
final class DelayWindow {
    private final long windowNanos;
    private final double percentile;
    private final long[] arrivals;
    private final long[] delays;
    private final long[] scratch;
    private int head;
    private int size;
    private boolean dirty;
    private long min;
    private long high;

    DelayWindow(long windowNanos, double percentile, int capacity) {
        this.windowNanos = windowNanos;
        this.percentile = percentile;
        this.arrivals = new long[capacity];
        this.delays = new long[capacity];
        this.scratch = new long[capacity];
    }

    void add(long arrivalNanos, long relativeDelayNanos) {
        int tail = (head + size) % arrivals.length;
        arrivals[tail] = arrivalNanos;
        delays[tail] = relativeDelayNanos;
        if (size < arrivals.length) {
            size++;
        } else {
            head = (head + 1) % arrivals.length;
        }
        dirty = true;
    }

    /** Forgets samples that arrived more than the window before {@code nowNanos}. */
    void expire(long nowNanos) {
        while (size > 0 && nowNanos - arrivals[head] > windowNanos) {
            head = (head + 1) % arrivals.length;
            size--;
            dirty = true;
        }
    }

    void clear() {
        size = 0;
        head = 0;
        dirty = true;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest relative delay in the window; only meaningful when not empty. */
    long min() {
        refresh();
        return min;
    }

    /** The configured percentile of the relative delays; only meaningful when not empty. */
    long high() {
        refresh();
        return high;
    }

    private void refresh() {
        if (!dirty || size == 0) {
            return;
        }
        for (int i = 0; i < size; i++) {
            scratch[i] = delays[(head + i) % delays.length];
        }
        Arrays.sort(scratch, 0, size);
        min = scratch[0];
        int rank = (int) Math.ceil(percentile * size) - 1;
        high = scratch[Math.max(0, Math.min(size - 1, rank))];
        dirty = false;
    }
}
