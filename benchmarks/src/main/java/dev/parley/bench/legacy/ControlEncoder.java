package dev.parley.bench.legacy;


import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.Auth;
import dev.parley.common.domain.ControlMessage.Error;
import dev.parley.common.domain.ControlMessage.Redirect;
import dev.parley.common.domain.ControlMessage.Hello;
import dev.parley.common.domain.ControlMessage.JoinRoom;
import dev.parley.common.domain.ControlMessage.KeyMessage;
import dev.parley.common.domain.ControlMessage.Leave;
import dev.parley.common.domain.ControlMessage.PeerJoined;
import dev.parley.common.domain.ControlMessage.PeerLeft;
import dev.parley.common.domain.ControlMessage.PeerList;
import dev.parley.common.domain.ControlMessage.ReceiverReport;
import dev.parley.common.domain.ControlMessage.StatsReport;
import dev.parley.common.domain.ControlMessage.VideoKeyframeRequest;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.SealedKeyEntry;

import static dev.parley.bench.legacy.Keys.*;

/**
 * A {@link ControlMessage} to its CBOR payload: {@code type} first, then the fields in the order of
 * PROTOCOL.md 5.2. Refuses (IllegalArgumentException) anything {@link ControlDecoder} would refuse,
 * so every payload it produces decodes back to an equal message.
 */
final class ControlEncoder {
    private ControlEncoder() {
    }

    static byte[] encode(ControlMessage m) {
        CborWriter w = new CborWriter(256);
        if (m instanceof Hello h) {
            header(w, h, 2).writeText(PROTOCOL_VERSION).writeUnsigned(nonNegative(h.protocolVersion(), PROTOCOL_VERSION));
            w.writeText(CLIENT_VERSION).writeText(text(h.clientVersion(), ControlLimits.MAX_CLIENT_VERSION_BYTES, CLIENT_VERSION));
        } else if (m instanceof Auth a) {
            header(w, a, 1).writeText(TOKEN).writeText(text(a.token(), ControlLimits.MAX_TOKEN_BYTES, TOKEN));
        } else if (m instanceof JoinRoom j) {
            strictCard(j);
            header(w, j, 2).writeText(ROOM_ID).writeUnsigned(j.roomId().value());
            w.writeText(MEMBER).write(j.member().map());
        } else if (m instanceof PeerList p) {
            count(p.peers().size(), ControlLimits.MAX_PEERS, PEERS);
            header(w, p, 2).writeText(YOUR_PEER_ID).writeUnsigned(p.yourPeerId().value());
            w.writeText(PEERS).startArray(p.peers().size());
            for (PeerInfo info : p.peers()) {
                MemberCards.writePeerInfo(w, info);
            }
        } else if (m instanceof Error e) {
            header(w, e, 2).writeText(CODE).writeUnsigned(e.code());
            w.writeText(MESSAGE).writeText(text(e.message(), ControlLimits.MAX_ERROR_MESSAGE_BYTES, MESSAGE));
        } else if (m instanceof Redirect r) {
            header(w, r, r.pin().isPresent() ? 3 : 2).writeText(HOST)
                    .writeText(text(r.host(), ControlLimits.MAX_HOST_BYTES, HOST));
            w.writeText(PORT).writeUnsigned(r.port());
            if (r.pin().isPresent()) {
                w.writeText(PIN).writeBytes(r.pin().get());
            }
        } else if (m instanceof PeerJoined pj) {
            header(w, pj, 1).writeText(PEER);
            MemberCards.writePeerInfo(w, pj.peer());
        } else if (m instanceof PeerLeft pl) {
            header(w, pl, 1).writeText(PEER_ID).writeUnsigned(pl.peerId().value());
        } else if (m instanceof KeyMessage k) {
            writeKeyMessage(w, k);
        } else if (m instanceof VideoKeyframeRequest v) {
            header(w, v, 3).writeText(SENDER_ID).writeUnsigned(v.senderId().value());
            w.writeText(TARGET_SENDER_ID).writeUnsigned(v.targetSenderId().value());
            w.writeText(SSRC).writeUnsigned(v.ssrc());
        } else if (m instanceof ReceiverReport r) {
            header(w, r, 5).writeText(SENDER_ID).writeUnsigned(r.senderId().value());
            w.writeText(TARGET_SENDER_ID).writeUnsigned(r.targetSenderId().value());
            w.writeText(LOSS_FRACTION).writeFloat(number(r.lossFraction(), 1.0, LOSS_FRACTION));
            w.writeText(JITTER_MS).writeFloat(number(r.jitterMs(), Double.MAX_VALUE, JITTER_MS));
            w.writeText(BUFFER_DEPTH).writeUnsigned(r.bufferDepth());
        } else if (m instanceof StatsReport s) {
            header(w, s, 5).writeText(RTT_MS).writeUnsigned(s.rttMs());
            w.writeText(LOSS).writeFloat(number(s.loss(), 1.0, LOSS));
            w.writeText(JITTER_MS).writeFloat(number(s.jitterMs(), Double.MAX_VALUE, JITTER_MS));
            w.writeText(BITRATE_IN).writeUnsigned(s.bitrateIn());
            w.writeText(BITRATE_OUT).writeUnsigned(s.bitrateOut());
        } else if (m instanceof Leave l) {
            header(w, l, 0);
        } else {
            throw new IllegalArgumentException("no message");
        }
        if (w.size() > ControlLimits.MAX_PAYLOAD) {
            throw new IllegalArgumentException(m.type() + " takes " + w.size() + " bytes, more than one frame ("
                    + ControlLimits.MAX_PAYLOAD + ")");
        }
        return w.toByteArray();
    }

    private static void writeKeyMessage(CborWriter w, KeyMessage k) {
        count(k.sealedKeys().size(), ControlLimits.MAX_SEALED_KEYS, SEALED_KEYS);
        header(w, k, 6).writeText(ROOM_ID).writeUnsigned(k.roomId().value());
        w.writeText(SENDER_ID).writeUnsigned(k.senderId().value());
        w.writeText(KEY_ID).writeUnsigned(k.keyId().value());
        w.writeText(ALGO).writeText(text(k.algo(), ControlLimits.MAX_ALGO_BYTES, ALGO));
        w.writeText(SEALED_KEYS).startArray(k.sealedKeys().size());
        for (SealedKeyEntry e : k.sealedKeys()) {
            w.startMap(2).writeText(RECIPIENT_ID).writeUnsigned(e.recipientId().value());
            w.writeText(SEALED).writeBytes(e.sealed());
        }
        w.writeText(SIGNATURE).writeBytes(k.signature());
    }

    private static CborWriter header(CborWriter w, ControlMessage m, int fields) {
        return w.startMap(fields + 1).writeText(TYPE).writeText(m.type());
    }

    private static void strictCard(JoinRoom j) {
        try {
            MemberCards.strict(j.member().map(), "JoinRoom.member");
        } catch (WireFailure f) {
            throw new IllegalArgumentException(f.getMessage());
        }
    }

    private static long nonNegative(long v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be in 0..2^63-1");
        }
        return v;
    }

    private static String text(String s, int maxBytes, String name) {
        if (s == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (Fields.utf8Length(s) > maxBytes) {
            throw new IllegalArgumentException(name + " is longer than " + maxBytes + " bytes");
        }
        return s;
    }

    private static double number(double d, double max, String name) {
        if (!(d >= 0 && d <= max)) {
            throw new IllegalArgumentException(name + " must be in 0.." + max + ", got " + d);
        }
        return d;
    }

    private static void count(int n, int max, String name) {
        if (n > max) {
            throw new IllegalArgumentException(name + " has " + n + " items, at most " + max + " allowed");
        }
    }
}
