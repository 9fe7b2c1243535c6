package dev.parley.bench.legacy;

// A frozen copy of the hand-written codec, kept only to measure it against Jackson in the same JMH run.


import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;

/**
 * Control messages (PROTOCOL.md section 5) to and from the CBOR payload of one frame.
 *
 * <p>Decoding is strict about everything the spec types: it accepts any well-formed CBOR encoding,
 * ignores unknown keys, and refuses an unknown {@code type}, a missing required key, a value of the
 * wrong CBOR type, a number out of range, a byte string of the wrong length, and anything beyond
 * {@link ControlLimits}. A JoinRoom card must be well-formed (the relay's rule); a card inside a
 * PeerInfo is kept even when ill-formed, so that only that peer fails verification at the client.
 *
 * <p>Encoding is deterministic: definite lengths, shortest integers, {@code type} first, then the
 * fields in the spec's order; a PeerInfo is {@code peer_id} followed by every card key in stored
 * order. (float) fields are written in the shortest exact float width. Relays forward the original
 * bytes of a frame, never a re-encoding.
 */
public final class ControlCodec {
    private ControlCodec() {
    }

    /**
     * The payload for {@code message}.
     *
     * @throws IllegalArgumentException when the message holds something {@link #decode} would refuse
     *         (a text or list over its limit, a float out of range, an ill-formed JoinRoom card, a
     *         card containing {@code peer_id}) or exceeds one frame
     */
    public static byte[] encode(ControlMessage message) {
        return ControlEncoder.encode(message);
    }

    /** The message in {@code payload}, or why it is not a valid message. Never throws. */
    public static Decoded<ControlMessage> decode(byte[] payload) {
        if (payload == null) {
            return Decoded.failed(Reason.TRUNCATED, "no payload");
        }
        return decode(payload, 0, payload.length);
    }

    /** The message in {@code buf[offset, offset+length)}, or why it is not a valid message. Never throws. */
    public static Decoded<ControlMessage> decode(byte[] buf, int offset, int length) {
        if (length > ControlLimits.MAX_PAYLOAD) {
            return Decoded.failed(Reason.TOO_LARGE, "a control payload is at most " + ControlLimits.MAX_PAYLOAD
                    + " bytes, got " + length);
        }
        return CborReader.decode(buf, offset, length).flatMap(value -> {
            try {
                return Decoded.ok(ControlDecoder.decode(value));
            } catch (WireFailure f) {
                return Decoded.failed(f.error());
            }
        });
    }
}
