package dev.parley.common.media;

/** What a {@link JitterBuffer} put into the frame of one playout tick. */
public enum PlayoutKind {
    /** The sender's packet for this slot, decoded. */
    DECODED,
    /** This slot's packet was missing; rebuilt from the in-band FEC of the next packet. */
    FEC_RECOVERED,
    /** This slot's packet was missing (or corrupt); packet loss concealment. */
    CONCEALED,
    /** Nothing to play: not started, the talker is silent (DTX), or a loss went on too long. The frame is zeros. */
    SILENCE;

    /** True when the frame carries sound from the sender (decoded or rebuilt, not guessed or silent). */
    public boolean isFromPacket() {
        return this == DECODED || this == FEC_RECOVERED;
    }
}
