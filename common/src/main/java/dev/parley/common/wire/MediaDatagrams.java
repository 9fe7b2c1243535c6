package dev.parley.common.wire;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;

import java.nio.ByteBuffer;

/**
 * The 38-byte media datagram header (PROTOCOL.md section 6). Parsing applies every "malformed"
 * rule: total length {@code == 38 + ct_len} and at most 1,100, {@code ct_len >= 16}, magic 0xBEEF,
 * version 1, kind 1 or 2. It also refuses a {@code room_id} of 2^63 or more and a {@code sender_id}
 * of 0 or 2^63 or more: no room or peer has such an id, so the datagram would be dropped anyway.
 *
 * <p>The header bytes {@code [0, 38)} are the AEAD's associated data; ciphertext starts at
 * {@link MediaHeader#LENGTH}. Parsing never throws and never allocates beyond the header record.
 */
public final class MediaDatagrams {
    private MediaDatagrams() {
    }

    /** Largest plaintext of one datagram: 1,100 - 38 - 16 = 1,046 bytes. */
    public static final int MAX_PLAINTEXT = MediaHeader.MAX_CIPHERTEXT - MediaHeader.TAG_LENGTH;

    /** The 38 header bytes. */
    public static byte[] encodeHeader(MediaHeader h) {
        byte[] out = new byte[MediaHeader.LENGTH];
        writeHeader(h, out, 0);
        return out;
    }

    /** Writes the 38 header bytes at {@code dst[offset]}. */
    public static void writeHeader(MediaHeader h, byte[] dst, int offset) {
        put(dst, offset + MediaHeader.OFFSET_MAGIC, MediaHeader.MAGIC, 2);
        put(dst, offset + MediaHeader.OFFSET_VERSION, MediaHeader.VERSION, 1);
        put(dst, offset + MediaHeader.OFFSET_ROOM_ID, h.roomId(), 8);
        put(dst, offset + MediaHeader.OFFSET_SENDER_ID, h.senderId(), 8);
        put(dst, offset + MediaHeader.OFFSET_KIND, h.kind().wire(), 1);
        put(dst, offset + MediaHeader.OFFSET_SSRC, h.ssrc(), 4);
        put(dst, offset + MediaHeader.OFFSET_SEQ, h.seq(), 2);
        put(dst, offset + MediaHeader.OFFSET_TIMESTAMP, h.timestamp(), 4);
        put(dst, offset + MediaHeader.OFFSET_KEY_ID, h.keyId(), 4);
        put(dst, offset + MediaHeader.OFFSET_SEQ_HI, h.seqHi(), 2);
        put(dst, offset + MediaHeader.OFFSET_CT_LEN, h.ctLen(), 2);
    }

    /**
     * A whole datagram: header then {@code ciphertext}.
     *
     * @throws IllegalArgumentException when the ciphertext length is not the header's {@code ct_len}
     */
    public static byte[] encode(MediaHeader h, byte[] ciphertext) {
        if (ciphertext.length != h.ctLen()) {
            throw new IllegalArgumentException("ciphertext is " + ciphertext.length + " bytes, header says " + h.ctLen());
        }
        byte[] out = new byte[h.datagramLength()];
        writeHeader(h, out, 0);
        System.arraycopy(ciphertext, 0, out, MediaHeader.LENGTH, ciphertext.length);
        return out;
    }

    /** The header of the datagram that is all of {@code datagram}. */
    public static Decoded<MediaHeader> parse(byte[] datagram) {
        if (datagram == null) {
            return Decoded.failed(Reason.TRUNCATED, "no datagram");
        }
        return parse(datagram, 0, datagram.length);
    }

    /** The header of the datagram that is exactly {@code buf[offset, offset+length)}. */
    public static Decoded<MediaHeader> parse(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < 0 || offset > buf.length - length) {
            return Decoded.failed(Reason.INVALID, "offset and length do not fit the buffer");
        }
        return parse(ByteBuffer.wrap(buf, offset, length).slice());
    }

    /**
     * The header of the datagram that is exactly the remaining bytes of {@code datagram}; reads with
     * absolute positions, so the buffer's position and limit are unchanged.
     */
    public static Decoded<MediaHeader> parse(ByteBuffer datagram) {
        if (datagram == null) {
            return Decoded.failed(Reason.TRUNCATED, "no datagram");
        }
        int base = datagram.position();
        int length = datagram.remaining();
        if (length < MediaHeader.LENGTH + MediaHeader.TAG_LENGTH) {
            return Decoded.failed(Reason.TRUNCATED, "datagram of " + length + " bytes is shorter than header and tag ("
                    + (MediaHeader.LENGTH + MediaHeader.TAG_LENGTH) + ")");
        }
        if (length > MediaHeader.MAX_DATAGRAM) {
            return Decoded.failed(Reason.TOO_LARGE, "datagram of " + length + " bytes exceeds " + MediaHeader.MAX_DATAGRAM);
        }
        int magic = u16(datagram, base + MediaHeader.OFFSET_MAGIC);
        if (magic != MediaHeader.MAGIC) {
            return Decoded.failed(Reason.BAD_HEADER, String.format("magic 0x%04X is not 0xBEEF", magic));
        }
        int version = u8(datagram, base + MediaHeader.OFFSET_VERSION);
        if (version != MediaHeader.VERSION) {
            return Decoded.failed(Reason.BAD_HEADER, "media version " + version + " is not " + MediaHeader.VERSION);
        }
        int kindByte = u8(datagram, base + MediaHeader.OFFSET_KIND);
        MediaKind kind = MediaKind.fromWire(kindByte);
        if (kind == null) {
            return Decoded.failed(Reason.BAD_HEADER, "kind " + kindByte + " is neither 1 (audio) nor 2 (video)");
        }
        int ctLen = u16(datagram, base + MediaHeader.OFFSET_CT_LEN);
        if (ctLen < MediaHeader.TAG_LENGTH) {
            return Decoded.failed(Reason.WRONG_LENGTH, "ct_len " + ctLen + " is shorter than the 16-byte tag");
        }
        if (MediaHeader.LENGTH + ctLen != length) {
            return Decoded.failed(Reason.WRONG_LENGTH, "ct_len " + ctLen + " does not match the datagram length "
                    + length + " (expected " + (length - MediaHeader.LENGTH) + ")");
        }
        long roomId = big(datagram, base + MediaHeader.OFFSET_ROOM_ID, 8);
        if (roomId < 0) {
            return Decoded.failed(Reason.OUT_OF_RANGE, "room_id " + Long.toUnsignedString(roomId) + " exceeds 2^63-1");
        }
        long senderId = big(datagram, base + MediaHeader.OFFSET_SENDER_ID, 8);
        if (senderId <= 0) {
            return Decoded.failed(Reason.OUT_OF_RANGE, "sender_id " + Long.toUnsignedString(senderId)
                    + " is outside 1..2^63-1");
        }
        long ssrc = u32(datagram, base + MediaHeader.OFFSET_SSRC);
        long index = ((long) u16(datagram, base + MediaHeader.OFFSET_SEQ_HI) << 16) | u16(datagram, base + MediaHeader.OFFSET_SEQ);
        long timestamp = u32(datagram, base + MediaHeader.OFFSET_TIMESTAMP);
        long keyId = u32(datagram, base + MediaHeader.OFFSET_KEY_ID);
        return Decoded.ok(new MediaHeader(roomId, senderId, kind, ssrc, index, timestamp, keyId, ctLen));
    }

    private static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    private static int u16(ByteBuffer b, int at) {
        return (int) big(b, at, 2);
    }

    private static long u32(ByteBuffer b, int at) {
        return big(b, at, 4);
    }

    /** Big-endian whatever the buffer's byte order. */
    private static long big(ByteBuffer b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b.get(at + i) & 0xFF);
        }
        return v;
    }

    private static void put(byte[] dst, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            dst[at + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }
}
