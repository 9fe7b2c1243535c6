package dev.parley.common.media;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/** Decodes one sender's Opus stream (Concentus, 48 kHz mono) with PLC and in-band FEC recovery. */
public final class OpusAudioDecoder implements AudioFrameDecoder {
    private final OpusDecoder decoder;

    public OpusAudioDecoder() {
        try {
            decoder = new OpusDecoder(Pcm.SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new MediaCodecException("cannot create the Opus decoder", e);
        }
    }

    @Override
    public void decode(byte[] packet, int offset, int length, short[] out) {
        run(packet, offset, length, out, false);
    }

    @Override
    public void conceal(short[] out) {
        run(null, 0, 0, out, false);
    }

    @Override
    public void recover(byte[] nextPacket, int offset, int length, short[] out) {
        run(nextPacket, offset, length, out, true);
    }

    @Override
    public void reset() {
        decoder.resetState();
    }

    private void run(byte[] packet, int offset, int length, short[] out, boolean fec) {
        Pcm.requireFrame(out);
        int samples;
        try {
            samples = decoder.decode(packet, offset, length, out, 0, Pcm.FRAME_SAMPLES, fec);
        } catch (OpusException | RuntimeException e) {
            // Concentus reports some malformed packets with runtime exceptions (index errors)
            throw new MediaCodecException("corrupt Opus packet (" + length + " bytes)", e);
        }
        if (samples != Pcm.FRAME_SAMPLES) {
            throw new MediaCodecException("Opus packet of " + samples + " samples, expected "
                    + Pcm.FRAME_SAMPLES, null);
        }
    }
}
