package dev.parley.common.media;

import dev.parley.common.domain.MediaHeader;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * Encodes 20 ms frames of 48 kHz mono speech to Opus (Concentus): VOIP application, voice signal,
 * VBR, in-band FEC and DTX as configured.
 *
 * <p>Threading: {@link #encode} runs on one thread (the media thread). {@link #setBitrate} and
 * {@link #setExpectedLossPercent} may be called from any thread; they take effect at the next
 * {@code encode}.
 *
 * <p>With DTX on, the encoder codes silence as packets of at most {@value #DTX_MAX_BYTES} bytes
 * ({@link #isDtx(int)}) and, about every 400 ms, a normal-sized comfort-noise update. The sender
 * skips the tiny ones without spending a packet index; receivers play silence for the gap.
 */
public final class OpusAudioEncoder {
    /** The largest packet that still fits one media datagram (1,100 - 38 header - 16 tag). */
    public static final int MAX_PACKET_BYTES = MediaHeader.MAX_CIPHERTEXT - MediaHeader.TAG_LENGTH;
    public static final int DTX_MAX_BYTES = 2;

    private final OpusEncoder encoder;
    private final OpusEncoderSettings initial;
    private final byte[] packet = new byte[MAX_PACKET_BYTES];
    private volatile int requestedBitrate;
    private volatile int requestedLoss;
    private int appliedBitrate;
    private int appliedLoss;
    private int lastLength;

    public OpusAudioEncoder() {
        this(OpusEncoderSettings.defaults());
    }

    public OpusAudioEncoder(OpusEncoderSettings settings) {
        this.initial = settings;
        try {
            encoder = new OpusEncoder(Pcm.SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new MediaCodecException("cannot create the Opus encoder", e);
        }
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setUseVBR(true);
        encoder.setComplexity(settings.complexity());
        encoder.setUseInbandFEC(settings.inbandFec());
        encoder.setUseDTX(settings.dtx());
        requestedBitrate = settings.bitrateBps();
        requestedLoss = settings.expectedLossPercent();
        applyPendingSettings();
    }

    /** True when a packet of this length is a DTX frame that the sender need not transmit. */
    public static boolean isDtx(int packetLength) {
        return packetLength <= DTX_MAX_BYTES;
    }

    /**
     * Encodes one frame into this encoder's own buffer, {@link #packet()}.
     *
     * @return the packet length in bytes
     */
    public int encode(short[] pcm) {
        return encode(pcm, packet, 0, packet.length);
    }

    /**
     * Encodes one frame into {@code out} (for instance straight into a datagram buffer).
     *
     * @return the packet length in bytes, at most {@code maxLength}
     */
    public int encode(short[] pcm, byte[] out, int offset, int maxLength) {
        Pcm.requireFrame(pcm);
        applyPendingSettings();
        try {
            lastLength = encoder.encode(pcm, 0, Pcm.FRAME_SAMPLES, out, offset,
                    Math.min(maxLength, MAX_PACKET_BYTES));
        } catch (OpusException e) {
            throw new MediaCodecException("Opus encoding failed", e);
        }
        return lastLength;
    }

    /** The buffer {@link #encode(short[])} writes to; its content is valid until the next encode. */
    public byte[] packet() {
        return packet;
    }

    /** Whether the last encoded packet was a DTX frame ({@link #isDtx(int)}). */
    public boolean lastWasDtx() {
        return isDtx(lastLength);
    }

    /** Sets the target bitrate, {@value OpusEncoderSettings#MIN_BITRATE}..{@value OpusEncoderSettings#MAX_BITRATE} bit/s. */
    public void setBitrate(int bps) {
        OpusEncoderSettings.checkBitrate(bps);
        requestedBitrate = bps;
    }

    /** Sets the loss (0..100 %) the in-band FEC should protect against, e.g. from receiver reports. */
    public void setExpectedLossPercent(int percent) {
        OpusEncoderSettings.checkLoss(percent);
        requestedLoss = percent;
    }

    public int bitrate() {
        return requestedBitrate;
    }

    public int expectedLossPercent() {
        return requestedLoss;
    }

    public OpusEncoderSettings settings() {
        return new OpusEncoderSettings(requestedBitrate, initial.complexity(), requestedLoss,
                initial.inbandFec(), initial.dtx());
    }

    /** The codec delay in samples: decoded audio lags the input by this much (312 at 48 kHz). */
    public int lookaheadSamples() {
        return encoder.getLookahead();
    }

    private void applyPendingSettings() {
        int bitrate = requestedBitrate;
        if (bitrate != appliedBitrate) {
            encoder.setBitrate(bitrate);
            appliedBitrate = bitrate;
        }
        int loss = requestedLoss;
        if (loss != appliedLoss) {
            encoder.setPacketLossPercent(loss);
            appliedLoss = loss;
        }
    }
}
