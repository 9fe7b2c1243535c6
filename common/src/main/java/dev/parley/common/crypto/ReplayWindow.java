package dev.parley.common.crypto;

/**
 * The receiver's replay window for one (sender_id, ssrc) stream, across key changes
 * (PROTOCOL.md section 6). With {@code highest} the largest packet index accepted so far, index
 * {@code i} is refused when {@code i + W <= highest} or when {@code i} was already accepted.
 *
 * <p>Use it in two steps so a forged packet cannot move the window: {@link #check(long)} before
 * decrypting, and {@link #accept(long)} only after the packet decrypted. Not thread-safe: one
 * window belongs to the thread that receives its stream.
 */
public final class ReplayWindow {
    /** Default width: 1,024 packets, about 20 s of audio or a few seconds of video reordering. */
    public static final int DEFAULT_WIDTH = 1024;
    /** PROTOCOL.md's minimum. */
    public static final int MIN_WIDTH = 128;
    /** Largest packet index: the index is a 32-bit counter. */
    public static final long MAX_INDEX = 0xFFFF_FFFFL;

    /** The verdict on a packet index. */
    public enum Verdict {
        /** Not seen and inside the window (or ahead of it). */
        FRESH,
        /** At or below {@code highest - W}. */
        TOO_OLD,
        /** Already accepted. */
        REPLAYED
    }

    private final int width;
    private final long[] bits;
    private long highest = -1;

    public ReplayWindow() {
        this(DEFAULT_WIDTH);
    }

    /** A window of {@code width} packets: a multiple of 64, at least {@value #MIN_WIDTH}. */
    public ReplayWindow(int width) {
        if (width < MIN_WIDTH || width % 64 != 0) {
            throw new IllegalArgumentException("replay window width must be a multiple of 64 and at least " + MIN_WIDTH);
        }
        this.width = width;
        this.bits = new long[width / 64];
    }

    public int width() {
        return width;
    }

    /** The largest index accepted so far, or -1 before the first. */
    public long highest() {
        return highest;
    }

    /** Whether {@code index} may be decrypted; changes nothing. */
    public Verdict check(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("packet index must be in 0..2^32-1");
        }
        if (index > highest) {
            return Verdict.FRESH;
        }
        if (index + width <= highest) {
            return Verdict.TOO_OLD;
        }
        return isSet(index) ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /**
     * Records {@code index} after its packet decrypted. Checks again and changes nothing unless the
     * verdict is {@link Verdict#FRESH}, so check-decrypt-accept is safe even when a duplicate was
     * accepted in between.
     */
    public Verdict accept(long index) {
        Verdict v = check(index);
        if (v != Verdict.FRESH) {
            return v;
        }
        if (index > highest) {
            long shift = highest < 0 ? width : index - highest;
            if (shift >= width) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    clear(i); // slots that now stand for indexes never received
                }
            }
            highest = index;
        }
        set(index);
        return Verdict.FRESH;
    }

    // Slot of index i is i mod width: inside the window (highest - W, highest] every index has its own.
    private boolean isSet(long i) {
        int slot = (int) (i % width);
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void set(long i) {
        int slot = (int) (i % width);
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    private void clear(long i) {
        int slot = (int) (i % width);
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}
