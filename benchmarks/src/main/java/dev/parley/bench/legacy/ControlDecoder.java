package dev.parley.bench.legacy;

import dev.parley.common.cbor.CborValue;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.Auth;
import dev.parley.common.domain.ControlMessage.Error;
import dev.parley.common.domain.ControlMessage.Hello;
import dev.parley.common.domain.ControlMessage.JoinRoom;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.ControlMessage.KeyRotate;
import dev.parley.common.domain.ControlMessage.Leave;
import dev.parley.common.domain.ControlMessage.PeerJoined;
import dev.parley.common.domain.ControlMessage.PeerLeft;
import dev.parley.common.domain.ControlMessage.PeerList;
import dev.parley.common.domain.ControlMessage.ReceiverReport;
import dev.parley.common.domain.ControlMessage.Redirect;
import dev.parley.common.domain.ControlMessage.StatsReport;
import dev.parley.common.domain.ControlMessage.VideoKeyframeRequest;
import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;

import java.util.ArrayList;
import java.util.List;

import static dev.parley.bench.legacy.Keys.*;

/** A decoded CBOR map to a {@link ControlMessage}, field by field as PROTOCOL.md 5.1 and 5.2 type them. */
final class ControlDecoder {
    private ControlDecoder() {
    }

    static ControlMessage decode(CborValue value) {
        if (!(value instanceof CborValue.MapValue map)) {
            throw new WireFailure(Reason.WRONG_TYPE, "a control message must be a CBOR map");
        }
        String type = new Fields(map, "message").text(TYPE, 64);
        Fields f = new Fields(map, type);
        return switch (type) {
            case "Hello" -> new Hello(f.u63(PROTOCOL_VERSION), f.text(CLIENT_VERSION, ControlLimits.MAX_CLIENT_VERSION_BYTES));
            case "Auth" -> new Auth(f.text(TOKEN, ControlLimits.MAX_TOKEN_BYTES));
            case "JoinRoom" -> new JoinRoom(new RoomId(f.u63(ROOM_ID)),
                    MemberCards.strict(f.mapField(MEMBER), "JoinRoom.member"));
            case "PeerList" -> new PeerList(new PeerId(f.peerId(YOUR_PEER_ID)), peers(f));
            case "Error" -> new Error(f.unsignedBits(CODE), f.text(MESSAGE, ControlLimits.MAX_ERROR_MESSAGE_BYTES));
            case "Redirect" -> redirect(f);
            case "PeerJoined" -> new PeerJoined(MemberCards.peerInfo(f.require(PEER), "PeerJoined.peer"));
            case "PeerLeft" -> new PeerLeft(new PeerId(f.peerId(PEER_ID)));
            case "KeyDistribute" -> new KeyDistribute(new RoomId(f.u63(ROOM_ID)), new PeerId(f.peerId(SENDER_ID)),
                    new KeyId(f.u32(KEY_ID)), f.text(ALGO, ControlLimits.MAX_ALGO_BYTES), sealedKeys(f),
                    f.bytes(SIGNATURE, SIGNATURE_LENGTH));
            case "KeyRotate" -> new KeyRotate(new RoomId(f.u63(ROOM_ID)), new PeerId(f.peerId(SENDER_ID)),
                    new KeyId(f.u32(KEY_ID)), f.text(ALGO, ControlLimits.MAX_ALGO_BYTES), sealedKeys(f),
                    f.bytes(SIGNATURE, SIGNATURE_LENGTH));
            case "VideoKeyframeRequest" -> new VideoKeyframeRequest(new PeerId(f.peerId(SENDER_ID)),
                    new PeerId(f.peerId(TARGET_SENDER_ID)), f.u32(SSRC));
            case "ReceiverReport" -> new ReceiverReport(new PeerId(f.peerId(SENDER_ID)),
                    new PeerId(f.peerId(TARGET_SENDER_ID)), f.nonNegativeNumber(LOSS_FRACTION, 1.0),
                    f.nonNegativeNumber(JITTER_MS, Double.MAX_VALUE), f.u63(BUFFER_DEPTH));
            case "StatsReport" -> new StatsReport(f.u63(RTT_MS), f.nonNegativeNumber(LOSS, 1.0),
                    f.nonNegativeNumber(JITTER_MS, Double.MAX_VALUE), f.u63(BITRATE_IN), f.u63(BITRATE_OUT));
            case "Leave" -> new Leave();
            default -> throw new WireFailure(Reason.UNKNOWN_TYPE, "unknown message type \"" + printable(type) + "\"");
        };
    }

    private static List<PeerInfo> peers(Fields f) {
        List<CborValue> items = f.array(PEERS, ControlLimits.MAX_PEERS).items();
        List<PeerInfo> peers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            peers.add(MemberCards.peerInfo(items.get(i), "PeerList.peers[" + i + "]"));
        }
        return peers;
    }

    private static List<SealedKeyEntry> sealedKeys(Fields f) {
        List<CborValue> items = f.array(SEALED_KEYS, ControlLimits.MAX_SEALED_KEYS).items();
        List<SealedKeyEntry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = "sealed_keys[" + i + "]";
            if (!(items.get(i) instanceof CborValue.MapValue m)) {
                throw new WireFailure(Reason.WRONG_TYPE, where + " must be a map");
            }
            Fields e = new Fields(m, where);
            entries.add(new SealedKeyEntry(new PeerId(e.peerId(RECIPIENT_ID)),
                    e.bytes(SEALED, SealedKeyEntry.SEALED_LENGTH)));
        }
        return entries;
    }

    private static Redirect redirect(Fields f) {
        String host = f.text(HOST, ControlLimits.MAX_HOST_BYTES);
        if (host.isEmpty()) {
            throw f.fail(Reason.OUT_OF_RANGE, HOST, "must name a host");
        }
        long port = f.u63(PORT);
        if (port < 1 || port > 65_535) {
            throw f.fail(Reason.OUT_OF_RANGE, PORT, "must be in 1..65535");
        }
        java.util.Optional<byte[]> pin = f.map().get(PIN).isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(f.bytes(PIN, Redirect.PIN_LENGTH));
        return new Redirect(host, port, pin);
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
