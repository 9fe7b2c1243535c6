package dev.parley.common.domain;

/**
 * The fixed 38-byte header of a media datagram (PROTOCOL.md section 6). Unsigned 32-bit fields are
 * held in longs, 16-bit ones in ints.
 *
 * @param roomId    the call's room id
 * @param senderId  the sending member's peer id
 * @param kind      audio or video
 * @param ssrc      stream id, 0..2^32-1
 * @param packetIndex the 32-bit packet index {@code seq_hi || seq}, 0..2^32-1
 * @param timestamp media clock, 0..2^32-1
 * @param keyId     the sender key that encrypted the packet
 * @param ctLen     ciphertext length including the 16-byte tag
 */
public record MediaHeader(long roomId, long senderId, MediaKind kind, long ssrc, long packetIndex,
                          long timestamp, long keyId, int ctLen) {
    public static final int LENGTH = 38;
    public static final int MAGIC = 0xBEEF;
    public static final int VERSION = 1;
    public static final int MAX_DATAGRAM = 1100;
    public static final int TAG_LENGTH = 16;
    public static final int MAX_CIPHERTEXT = MAX_DATAGRAM - LENGTH;

    public static final int OFFSET_MAGIC = 0;
    public static final int OFFSET_VERSION = 2;
    public static final int OFFSET_ROOM_ID = 3;
    public static final int OFFSET_SENDER_ID = 11;
    public static final int OFFSET_KIND = 19;
    public static final int OFFSET_SSRC = 20;
    public static final int OFFSET_SEQ = 24;
    public static final int OFFSET_TIMESTAMP = 26;
    public static final int OFFSET_KEY_ID = 30;
    public static final int OFFSET_SEQ_HI = 34;
    public static final int OFFSET_CT_LEN = 36;

    public MediaHeader {
        if (roomId < 0) {
            throw new IllegalArgumentException("room_id must be in 0..2^63-1");
        }
        if (senderId <= 0) {
            throw new IllegalArgumentException("sender_id must be in 1..2^63-1");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        checkU32(ssrc, "ssrc");
        checkU32(packetIndex, "packet index");
        checkU32(timestamp, "timestamp");
        checkU32(keyId, "key_id");
        if (ctLen < TAG_LENGTH || ctLen > MAX_CIPHERTEXT) {
            throw new IllegalArgumentException("ct_len must be in 16.." + MAX_CIPHERTEXT + ", got " + ctLen);
        }
    }

    /** Low 16 bits of the packet index. */
    public int seq() {
        return (int) (packetIndex & 0xFFFF);
    }

    /** High 16 bits of the packet index. */
    public int seqHi() {
        return (int) (packetIndex >>> 16);
    }

    public int datagramLength() {
        return LENGTH + ctLen;
    }

    private static void checkU32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be in 0..2^32-1, got " + v);
        }
    }
}
