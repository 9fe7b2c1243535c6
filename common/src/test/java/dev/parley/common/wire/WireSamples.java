package dev.parley.common.wire;

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
import dev.parley.common.domain.ControlMessage.StatsReport;
import dev.parley.common.domain.ControlMessage.VideoKeyframeRequest;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid instance of every control message and of the media formats, for wire tests (also in the test jar). */
public final class WireSamples {
    private WireSamples() {
    }

    public static final long MAX_ID = Long.MAX_VALUE;

    /** {@code n} bytes, each {@code seed + i}. */
    public static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    public static MemberCard card(int seed) {
        return MemberCard.of(bytes(32, seed), bytes(32, seed + 1), bytes(64, seed + 2), bytes(32, seed + 3),
                bytes(60, seed + 4));
    }

    /** A well-formed card with extra keys a future version might add, in the middle of the known ones. */
    public static MemberCard cardWithUnknownKeys(int seed) {
        Map<String, CborValue> m = new LinkedHashMap<>();
        m.put(MemberCard.ED25519_PUB, new CborValue.Bytes(bytes(32, seed)));
        m.put("z_future", new CborValue.Array(List.of(new CborValue.UInt(7), new CborValue.Text("x"),
                new CborValue.FloatValue(0.5))));
        m.put(MemberCard.X25519_PUB, new CborValue.Bytes(bytes(32, seed + 1)));
        m.put(MemberCard.X25519_SIG, new CborValue.Bytes(bytes(64, seed + 2)));
        m.put("a_hint", new CborValue.MapValue(Map.of("k", new CborValue.Bool(true))));
        m.put(MemberCard.PROOF, new CborValue.Bytes(bytes(32, seed + 3)));
        m.put(MemberCard.PROFILE, new CborValue.Bytes(bytes(28, seed + 4)));
        return new MemberCard(new CborValue.MapValue(m));
    }

    public static List<SealedKeyEntry> sealedKeys(int n) {
        List<SealedKeyEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SealedKeyEntry(new PeerId(i + 2), bytes(80, i)));
        }
        return out;
    }

    /** One of each message type, with values that exercise every integer width. */
    public static List<ControlMessage> allMessages() {
        return List.of(
                new Hello(1, "parley-desktop/0.1.0 (Linux; Java 17)"),
                new Auth(""),
                new Auth("eyJhbGciOiJFZERTQSJ9.e30.c2ln"),
                new JoinRoom(new RoomId(0x1234_5678_9ABC_DEFL), card(1)),
                new JoinRoom(new RoomId(MAX_ID), cardWithUnknownKeys(5)),
                new PeerList(new PeerId(3), List.of(new PeerInfo(new PeerId(1), card(10)),
                        new PeerInfo(new PeerId(MAX_ID), cardWithUnknownKeys(20)))),
                new PeerList(new PeerId(1), List.of()),
                new Error(ErrorCode.ROOM_FULL, "room is full (50 members)"),
                new Error(-1L, "unknown code 2^64-1 still decodes"),
                new PeerJoined(new PeerInfo(new PeerId(24), card(30))),
                new PeerLeft(new PeerId(65536)),
                new KeyDistribute(new RoomId(42), new PeerId(1), new KeyId(0), ControlMessage.KeyMessage.ALGO, sealedKeys(3),
                        bytes(64, 9)),
                new KeyRotate(new RoomId(0), new PeerId(MAX_ID), new KeyId(KeyId.MAX), ControlMessage.KeyMessage.ALGO,
                        sealedKeys(49), bytes(64, 99)),
                new KeyRotate(new RoomId(7), new PeerId(2), new KeyId(300), "SOMETHING-ELSE", List.of(), bytes(64, 1)),
                new VideoKeyframeRequest(new PeerId(2), new PeerId(3), 0xFFFF_FFFFL),
                new ReceiverReport(new PeerId(2), new PeerId(3), 0.125, 12.3456, 60),
                new ReceiverReport(new PeerId(2), new PeerId(3), 0.0, 0.0, 0),
                new StatsReport(35, 0.1, 4.5, 512_000, 1_000_000_000_000L),
                new Leave(),
                new ControlMessage.Redirect("relay-b.example.org", 4433, java.util.Optional.empty()));
    }

    public static MediaHeader header(MediaKind kind, int ctLen) {
        return new MediaHeader(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L, kind, 0xA1A2A3A4L, 0xB1B2C1C2L,
                0xD1D2D3D4L, 0xE1E2E3E4L, ctLen);
    }
}
