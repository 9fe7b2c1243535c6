package dev.parley.common.crypto;

import dev.parley.common.domain.MediaHeader;

/**
 * Builds the 38 header bytes of PROTOCOL.md section 6 for tests, independently of the wire codec,
 * straight from the offsets table.
 */
final class TestHeaders {
    private TestHeaders() {
    }

    static byte[] encode(MediaHeader h) {
        byte[] b = new byte[MediaHeader.LENGTH];
        Bytes.putU16(b, 0, 0xBEEF);
        b[2] = 1;
        Bytes.putU64(b, 3, h.roomId());
        Bytes.putU64(b, 11, h.senderId());
        b[19] = (byte) h.kind().wire();
        Bytes.putU32(b, 20, h.ssrc());
        Bytes.putU16(b, 24, h.seq());
        Bytes.putU32(b, 26, h.timestamp());
        Bytes.putU32(b, 30, h.keyId());
        Bytes.putU16(b, 34, h.seqHi());
        Bytes.putU16(b, 36, h.ctLen());
        return b;
    }
}
