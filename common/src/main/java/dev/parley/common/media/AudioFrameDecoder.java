package dev.parley.common.media;

/**
 * Turns one sender's packets into 20 ms frames; what a {@link JitterBuffer} drives. Implementations
 * keep per-stream state (one instance per sender stream) and are called from one thread.
 */
public interface AudioFrameDecoder {

    /**
     * Decodes one packet into {@code out} ({@value Pcm#FRAME_SAMPLES} samples).
     *
     * @throws MediaCodecException when the packet is corrupt or not one 20 ms frame
     */
    void decode(byte[] packet, int offset, int length, short[] out);

    /** Fills {@code out} with a concealment frame for a packet that is missing (PLC). */
    void conceal(short[] out);

    /**
     * Rebuilds the frame before {@code nextPacket} from the redundancy that packet carries (in-band
     * FEC), or conceals when it carries none. The caller then decodes {@code nextPacket} normally.
     *
     * @throws MediaCodecException when the packet is corrupt
     */
    void recover(byte[] nextPacket, int offset, int length, short[] out);

    /**
     * Forgets the stream's history: the next packet does not follow the last one decoded. Decoding
     * across such a jump with the old state makes a loud transient (Opus: above the speech's own peak
     * for a few hundred milliseconds).
     */
    void reset();
}
