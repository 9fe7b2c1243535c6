package dev.parley.common.wire;

/** The control stream's framing, {@code u32(len) || payload} with {@code 1 <= len <= 65536} (PROTOCOL.md section 4). */
public final class Frames {
    private Frames() {
    }

    public static final int LENGTH_PREFIX = 4;
    public static final int MIN_PAYLOAD = 1;
    public static final int MAX_PAYLOAD = 65_536;

    /**
     * One frame holding {@code payload}.
     *
     * @throws IllegalArgumentException when the payload is empty or longer than {@link #MAX_PAYLOAD}
     */
    public static byte[] encode(byte[] payload) {
        int n = payload.length;
        if (n < MIN_PAYLOAD || n > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a frame payload must be 1.." + MAX_PAYLOAD + " bytes, got " + n);
        }
        byte[] frame = new byte[LENGTH_PREFIX + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, LENGTH_PREFIX, n);
        return frame;
    }
}
