package dev.parley.common.wire;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one direction of the control stream into frame payloads. Feed it the bytes in whatever
 * chunks they arrive; a frame may span chunks and a chunk may hold several frames.
 *
 * <p>A length outside {@code 1..65536} is a protocol violation: the decoder then stays failed and
 * answers every later feed with the same error. Payloads completed earlier in the failing chunk are
 * not returned, since the connection is closed on a framing error anyway. At most one payload
 * buffer of at most 65,536 bytes is allocated, and only after its length has been checked.
 *
 * <p>Not thread-safe: one instance per stream, fed from the stream's event loop.
 */
public final class FrameDecoder {
    private final byte[] prefix = new byte[Frames.LENGTH_PREFIX];
    private int prefixFill;
    private byte[] payload;
    private int payloadFill;
    private DecodeError error;

    /** The payloads completed by {@code chunk}, in order, or the framing error. Never throws. */
    public Decoded<List<byte[]>> feed(byte[] chunk) {
        if (chunk == null) {
            return feed(new byte[0], 0, 0);
        }
        return feed(chunk, 0, chunk.length);
    }

    /** As {@link #feed(byte[])} for {@code chunk[offset, offset+length)}. */
    public Decoded<List<byte[]>> feed(byte[] chunk, int offset, int length) {
        if (error != null) {
            return Decoded.failed(error);
        }
        if (chunk == null || offset < 0 || length < 0 || offset > chunk.length - length) {
            return Decoded.failed(Reason.INVALID, "offset and length do not fit the chunk");
        }
        List<byte[]> out = List.of();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (payload == null) {
                int take = Math.min(Frames.LENGTH_PREFIX - prefixFill, end - pos);
                System.arraycopy(chunk, pos, prefix, prefixFill, take);
                prefixFill += take;
                pos += take;
                if (prefixFill < Frames.LENGTH_PREFIX) {
                    break;
                }
                long len = ((prefix[0] & 0xFFL) << 24) | ((prefix[1] & 0xFF) << 16) | ((prefix[2] & 0xFF) << 8)
                        | (prefix[3] & 0xFF);
                if (len < Frames.MIN_PAYLOAD || len > Frames.MAX_PAYLOAD) {
                    error = DecodeError.of(len == 0 ? Reason.OUT_OF_RANGE : Reason.TOO_LARGE,
                            "frame length " + len + " is outside 1.." + Frames.MAX_PAYLOAD);
                    return Decoded.failed(error);
                }
                payload = new byte[(int) len];
                payloadFill = 0;
            }
            int take = Math.min(payload.length - payloadFill, end - pos);
            System.arraycopy(chunk, pos, payload, payloadFill, take);
            payloadFill += take;
            pos += take;
            if (payloadFill == payload.length) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                out.add(payload);
                payload = null;
                prefixFill = 0;
            }
        }
        return Decoded.ok(out);
    }

    /** As {@link #feed(byte[])} for the remaining bytes of {@code chunk}, which it consumes. */
    public Decoded<List<byte[]>> feed(ByteBuffer chunk) {
        if (chunk == null) {
            return feed(new byte[0], 0, 0);
        }
        if (chunk.hasArray()) {
            Decoded<List<byte[]>> r = feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            chunk.position(chunk.limit());
            return r;
        }
        byte[] copy = new byte[chunk.remaining()];
        chunk.get(copy);
        return feed(copy, 0, copy.length);
    }

    /** True once a bad length has been seen. */
    public boolean isFailed() {
        return error != null;
    }

    /** The framing error, or null. */
    public DecodeError error() {
        return error;
    }

    /** Bytes of an incomplete frame held back, prefix included; 0 between frames. */
    public int buffered() {
        return prefixFill + (payload == null ? 0 : payloadFill);
    }
}
