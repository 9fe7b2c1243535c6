package dev.parley.common.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fake decoder for jitter-buffer tests: a packet's payload is its 4-byte id, and every frame it
 * produces says what it was: the decoded id, or a concealment, or an FEC rebuild from a given id.
 */
final class ScriptedDecoder implements AudioFrameDecoder {
    final List<Integer> decoded = new ArrayList<>();
    final List<Integer> recoveredFrom = new ArrayList<>();
    int concealed;
    int resets;

    static byte[] payload(int id) {
        return ByteBuffer.allocate(4).putInt(id).array();
    }

    @Override
    public void decode(byte[] packet, int offset, int length, short[] out) {
        int id = ByteBuffer.wrap(packet, offset, length).getInt();
        if (id < 0) {
            throw new MediaCodecException("corrupt test packet", null);
        }
        decoded.add(id);
        Arrays.fill(out, (short) 1000);
    }

    @Override
    public void conceal(short[] out) {
        concealed++;
        Arrays.fill(out, (short) 100);
    }

    @Override
    public void recover(byte[] nextPacket, int offset, int length, short[] out) {
        recoveredFrom.add(ByteBuffer.wrap(nextPacket, offset, length).getInt());
        Arrays.fill(out, (short) 500);
    }

    @Override
    public void reset() {
        resets++;
    }
}
