package dev.parley.common.wire;

import dev.parley.common.cbor.CborReader;
import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.Hello;
import dev.parley.common.domain.ControlMessage.JoinRoom;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.ControlMessage.Leave;
import dev.parley.common.domain.ControlMessage.PeerJoined;
import dev.parley.common.domain.ControlMessage.PeerList;
import dev.parley.common.domain.ControlMessage.ReceiverReport;
import dev.parley.common.domain.ControlMessage.StatsReport;
import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.parley.common.wire.WireSamples.bytes;
import static dev.parley.common.wire.WireSamples.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<ControlMessage> messages() {
        return WireSamples.allMessages().stream();
    }

    // ---- round trips -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void roundTripsAndReencodesIdentically(ControlMessage m) {
        byte[] wire = ControlCodec.encode(m);
        ControlMessage back = ControlCodec.decode(wire).orElseThrow();
        assertThat(back).isEqualTo(m);
        assertThat(ControlCodec.encode(back)).isEqualTo(wire);
    }

    @Test
    void everyMessageTypeIsCovered() {
        assertThat(WireSamples.allMessages().stream().map(ControlMessage::type).distinct())
                .containsExactlyInAnyOrder("Hello", "Auth", "JoinRoom", "PeerList", "Error", "PeerJoined", "PeerLeft",
                        "KeyDistribute", "KeyRotate", "VideoKeyframeRequest", "ReceiverReport", "StatsReport", "Leave",
                        "Redirect");
    }

    @Test
    void aRedirectCarriesAnOptionalPinOfExactlyThirtyTwoBytes() {
        ControlMessage.Redirect pinned = new ControlMessage.Redirect("fd00::2", 4433,
                java.util.Optional.of(WireSamples.bytes(32, 7)));
        assertThat(ControlCodec.decode(ControlCodec.encode(pinned)).orElseThrow()).isEqualTo(pinned);
        Map<String, CborValue> m = map(ControlCodec.encode(pinned));
        m.put("pin", new CborValue.Bytes(WireSamples.bytes(31, 7)));
        assertThat(decode(m).errorOrNull()).isNotNull();
        m.put("pin", new CborValue.Bytes(WireSamples.bytes(32, 7)));
        m.put("port", new CborValue.UInt(0));
        assertThat(decode(m).errorOrNull().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        m.put("port", new CborValue.UInt(65_536));
        assertThat(decode(m).errorOrNull().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        m.put("port", new CborValue.UInt(443));
        m.put("host", new CborValue.Text(""));
        assertThat(decode(m).errorOrNull().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        m.put("host", new CborValue.Text("x".repeat(256)));
        assertThat(decode(m).errorOrNull()).isNotNull();
    }

    @Test
    void encodingIsPinnedByteForByte() {
        assertThat(HEX.formatHex(ControlCodec.encode(new Leave()))).isEqualTo("a1" + "6474797065" + "654c65617665");
        assertThat(HEX.formatHex(ControlCodec.encode(new Hello(1, "c"))))
                .isEqualTo("a3" + "6474797065" + "6548656c6c6f" + "7070726f746f636f6c5f76657273696f6e" + "01"
                        + "6e636c69656e745f76657273696f6e" + "6163");
        // float fields are CBOR floats in the shortest exact width: 0.5 -> f93800, 0.1 -> double
        byte[] rr = ControlCodec.encode(new ReceiverReport(new PeerId(1), new PeerId(2), 0.5, 0.1, 0));
        assertThat(HEX.formatHex(rr)).contains("6d6c6f73735f6672616374696f6e" + "f93800")
                .contains("696a69747465725f6d73" + "fb3fb999999999999a");
    }

    @Test
    void keyOrderIsTypeFirstThenSpecOrder() {
        CborValue.MapValue map = (CborValue.MapValue) CborReader.decode(
                ControlCodec.encode(WireSamples.allMessages().get(11))).orElseThrow();
        assertThat(map.entries().keySet()).containsExactly("type", "room_id", "sender_id", "key_id", "algo",
                "sealed_keys", "signature");
    }

    @Test
    void unknownKeysAreIgnoredAnywhere() {
        Map<String, CborValue> m = new LinkedHashMap<>();
        m.put("zzz", new CborValue.Array(List.of(new CborValue.Null())));
        m.put("type", new CborValue.Text("PeerLeft"));
        m.put("extra", new CborValue.MapValue(Map.of("deep", new CborValue.Undefined())));
        m.put("peer_id", new CborValue.UInt(5));
        assertThat(decode(m).orElseThrow()).isEqualTo(new ControlMessage.PeerLeft(new PeerId(5)));

        // unknown keys inside a sealed_keys entry are ignored too
        Map<String, CborValue> km = map(ControlCodec.encode(WireSamples.allMessages().get(11)));
        List<CborValue> entries = new ArrayList<>(((CborValue.Array) km.get("sealed_keys")).items());
        Map<String, CborValue> e0 = new LinkedHashMap<>(((CborValue.MapValue) entries.get(0)).entries());
        e0.put("note", new CborValue.Text("ignored"));
        entries.set(0, new CborValue.MapValue(e0));
        km.put("sealed_keys", new CborValue.Array(entries));
        assertThat(decode(km).orElseThrow()).isEqualTo(WireSamples.allMessages().get(11));
    }

    @Test
    void acceptsNonPreferredEncodingsOfTheSameMessage() {
        // {_ "type": (_ "Peer" "Left"), "peer_id": 5 as a 64-bit integer}
        byte[] wire = HEX.parseHex("bf" + "6474797065" + "7f645065657264" + "4c656674" + "ff"
                + "67706565725f6964" + "1b0000000000000005" + "ff");
        assertThat(ControlCodec.decode(wire).orElseThrow()).isEqualTo(new ControlMessage.PeerLeft(new PeerId(5)));
    }

    @Test
    void floatFieldsAcceptIntegersAndEveryFloatWidth() {
        Map<String, CborValue> m = map(ControlCodec.encode(new StatsReport(1, 0.25, 3, 4, 5)));
        m.put("loss", new CborValue.UInt(1));
        m.put("jitter_ms", new CborValue.UInt(40));
        assertThat(decode(m).orElseThrow()).isEqualTo(new StatsReport(1, 1.0, 40.0, 4, 5));
        // single-precision 0.25 and half-precision 3.0 on the wire
        byte[] manual = new CborWriter().startMap(6).writeText("type").writeText("StatsReport")
                .writeText("rtt_ms").writeUnsigned(1).writeText("loss").toByteArray();
        byte[] single = HEX.parseHex("fa3e800000");
        byte[] rest = new CborWriter().writeText("jitter_ms").writeFloat(3.0).writeText("bitrate_in").writeUnsigned(4)
                .writeText("bitrate_out").writeUnsigned(5).toByteArray();
        assertThat(ControlCodec.decode(concat(manual, single, rest)).orElseThrow())
                .isEqualTo(new StatsReport(1, 0.25, 3.0, 4, 5));
    }

    // ---- member cards --------------------------------------------------------------------------

    @Test
    void unknownCardKeysSurviveJoinRoomToPeerInfoInOrder() {
        MemberCard sent = WireSamples.cardWithUnknownKeys(3);
        JoinRoom join = (JoinRoom) ControlCodec.decode(ControlCodec.encode(new JoinRoom(new RoomId(9), sent))).orElseThrow();
        assertThat(join.member().map().entries().keySet()).containsExactlyElementsOf(sent.map().entries().keySet());

        // the relay hands the stored card on inside PeerJoined and PeerList
        byte[] joined = ControlCodec.encode(new PeerJoined(new PeerInfo(new PeerId(77), join.member())));
        CborValue.MapValue peer = (CborValue.MapValue) map(joined).get("peer");
        List<String> expectedKeys = new ArrayList<>(List.of("peer_id"));
        expectedKeys.addAll(sent.map().entries().keySet());
        assertThat(peer.entries().keySet()).containsExactlyElementsOf(expectedKeys);
        assertThat(peer.entries().get("z_future")).isEqualTo(sent.map().entries().get("z_future"));

        PeerJoined decoded = (PeerJoined) ControlCodec.decode(joined).orElseThrow();
        assertThat(decoded.peer().card()).isEqualTo(sent);
        assertThat(decoded.peer().card().map().entries().keySet()).containsExactlyElementsOf(sent.map().entries().keySet());
        assertThat(ControlCodec.encode(decoded)).isEqualTo(joined);
    }

    @Test
    void peerListKeepsAnIllFormedCardForTheClientToFail() {
        Map<String, CborValue> bad = new LinkedHashMap<>(card(1).map().entries());
        bad.put(MemberCard.X25519_PUB, new CborValue.Bytes(bytes(31, 0)));
        bad.remove(MemberCard.PROOF);
        bad.put(MemberCard.PROFILE, new CborValue.Text("not bytes"));
        MemberCard badCard = new MemberCard(new CborValue.MapValue(bad));
        PeerList list = new PeerList(new PeerId(3), List.of(new PeerInfo(new PeerId(1), card(5)),
                new PeerInfo(new PeerId(2), badCard)));
        PeerList back = (PeerList) ControlCodec.decode(ControlCodec.encode(list)).orElseThrow();
        assertThat(back).isEqualTo(list);
        assertThat(back.peers().get(0).card().isWellFormed()).isTrue();
        assertThat(back.peers().get(1).card().problem()).isPresent();
    }

    @Test
    void peerInfoNeedsAValidPeerId() {
        for (CborValue badId : List.of(new CborValue.UInt(0), new CborValue.UInt(Long.MIN_VALUE),
                new CborValue.Text("1"), new CborValue.NegInt(0))) {
            Map<String, CborValue> info = new LinkedHashMap<>();
            info.put("peer_id", badId);
            info.putAll(card(1).map().entries());
            Map<String, CborValue> m = new LinkedHashMap<>();
            m.put("type", new CborValue.Text("PeerJoined"));
            m.put("peer", new CborValue.MapValue(info));
            assertThat(decode(m).isOk()).as("peer_id %s", badId).isFalse();
        }
        Map<String, CborValue> m = map(ControlCodec.encode(WireSamples.allMessages().get(5)));
        m.put("peers", new CborValue.Array(List.of(new CborValue.UInt(1))));
        assertThat(decode(m).errorOrNull().reason()).isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void joinRoomRefusesEveryIllFormedCard() {
        Map<String, UnaryOperator<Map<String, CborValue>>> breakages = new LinkedHashMap<>();
        breakages.put("peer_id", c -> put(c, "peer_id", new CborValue.UInt(1)));
        for (String key : List.of("ed25519_pub", "x25519_pub", "x25519_sig", "proof", "profile")) {
            breakages.put("no " + key, c -> remove(c, key));
            breakages.put(key + " as text", c -> put(c, key, new CborValue.Text("x")));
        }
        breakages.put("ed25519_pub 31", c -> put(c, "ed25519_pub", new CborValue.Bytes(bytes(31, 0))));
        breakages.put("ed25519_pub 33", c -> put(c, "ed25519_pub", new CborValue.Bytes(bytes(33, 0))));
        breakages.put("x25519_pub 31", c -> put(c, "x25519_pub", new CborValue.Bytes(bytes(31, 0))));
        breakages.put("x25519_sig 63", c -> put(c, "x25519_sig", new CborValue.Bytes(bytes(63, 0))));
        breakages.put("x25519_sig 65", c -> put(c, "x25519_sig", new CborValue.Bytes(bytes(65, 0))));
        breakages.put("proof 33", c -> put(c, "proof", new CborValue.Bytes(bytes(33, 0))));
        breakages.put("profile 27", c -> put(c, "profile", new CborValue.Bytes(bytes(27, 0))));
        breakages.put("profile 1025", c -> put(c, "profile", new CborValue.Bytes(bytes(1025, 0))));
        breakages.put("unknown key too large", c -> put(c, "pad", new CborValue.Bytes(bytes(1100, 0))));
        breakages.put("nested too deep", c -> put(c, "deep", nestedArrays(ControlLimits.MAX_CARD_DEPTH)));

        Map<String, Reason> expected = Map.of("peer_id", Reason.INVALID, "unknown key too large", Reason.TOO_LARGE,
                "nested too deep", Reason.MALFORMED);
        for (var b : breakages.entrySet()) {
            Map<String, CborValue> join = map(ControlCodec.encode(new JoinRoom(new RoomId(1), card(1))));
            Map<String, CborValue> member = new LinkedHashMap<>(((CborValue.MapValue) join.get("member")).entries());
            join.put("member", new CborValue.MapValue(b.getValue().apply(member)));
            DecodeError err = decode(join).errorOrNull();
            assertThat(err).as(b.getKey()).isNotNull();
            Reason want = expected.getOrDefault(b.getKey(), b.getKey().startsWith("no ") ? Reason.MISSING_KEY
                    : b.getKey().endsWith("as text") ? Reason.WRONG_TYPE : Reason.WRONG_LENGTH);
            assertThat(err.reason()).as(b.getKey()).isEqualTo(want);
        }
        // the boundaries themselves are fine
        Map<String, CborValue> join = map(ControlCodec.encode(new JoinRoom(new RoomId(1), card(1))));
        Map<String, CborValue> member = new LinkedHashMap<>(((CborValue.MapValue) join.get("member")).entries());
        member.put("profile", new CborValue.Bytes(bytes(1024, 0)));
        member.put("deep", nestedArrays(ControlLimits.MAX_CARD_DEPTH - 1));
        join.put("member", new CborValue.MapValue(member));
        assertThat(decode(join).isOk()).isTrue();
    }

    @Test
    void aFullRoomOfMaximalCardsFitsOnePeerList() {
        Map<String, CborValue> m = new LinkedHashMap<>(card(1).map().entries());
        m.put(MemberCard.PROFILE, new CborValue.Bytes(bytes(MemberCard.PROFILE_MAX, 0)));
        int known = CborWriter.encode(new CborValue.MapValue(m)).length;
        assertThat(known).isEqualTo(1244);
        // pad with an unknown key up to exactly the card limit, with a deepest allowed nesting
        m.put("pad", new CborValue.Bytes(bytes(ControlLimits.MAX_CARD_BYTES - known - 4 - 2, 0)));
        MemberCard max = new MemberCard(new CborValue.MapValue(m));
        assertThat(CborWriter.encode(max.map()).length).isEqualTo(ControlLimits.MAX_CARD_BYTES);
        JoinRoom join = (JoinRoom) ControlCodec.decode(ControlCodec.encode(new JoinRoom(new RoomId(1), max))).orElseThrow();

        List<PeerInfo> peers = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            peers.add(new PeerInfo(new PeerId(Long.MAX_VALUE - i), join.member()));
        }
        byte[] list = ControlCodec.encode(new PeerList(new PeerId(Long.MAX_VALUE - 50), peers));
        assertThat(list.length).isLessThanOrEqualTo(Frames.MAX_PAYLOAD);
        assertThat(ControlCodec.decode(list).isOk()).isTrue();
    }

    @Test
    void aCardAcceptedInJoinRoomNeverMakesPeerListTooDeep() {
        Map<String, CborValue> m = new LinkedHashMap<>(card(1).map().entries());
        m.put("deep", nestedArrays(ControlLimits.MAX_CARD_DEPTH - 1));
        JoinRoom join = (JoinRoom) ControlCodec.decode(ControlCodec.encode(
                new JoinRoom(new RoomId(1), new MemberCard(new CborValue.MapValue(m))))).orElseThrow();
        byte[] list = ControlCodec.encode(new PeerList(new PeerId(2), List.of(new PeerInfo(new PeerId(1), join.member()))));
        assertThat(ControlCodec.decode(list).isOk()).isTrue();
    }

    // ---- rejections ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyTruncationIsRefused(ControlMessage m) {
        byte[] wire = ControlCodec.encode(m);
        for (int len = 0; len < wire.length; len++) {
            assertThat(ControlCodec.decode(wire, 0, len).errorOrNull()).as("%s cut at %d", m.type(), len)
                    .isNotNull()
                    .extracting(DecodeError::reason).isEqualTo(Reason.TRUNCATED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void trailingBytesAreRefused(ControlMessage m) {
        byte[] wire = ControlCodec.encode(m);
        assertThat(ControlCodec.decode(concat(wire, new byte[] {0})).errorOrNull().reason()).isEqualTo(Reason.TRAILING_BYTES);
        assertThat(ControlCodec.decode(concat(wire, wire)).errorOrNull().reason()).isEqualTo(Reason.TRAILING_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyRequiredKeyIsRequired(ControlMessage m) {
        Map<String, CborValue> full = map(ControlCodec.encode(m));
        for (String key : full.keySet()) {
            Map<String, CborValue> less = new LinkedHashMap<>(full);
            less.remove(key);
            assertThat(decode(less).errorOrNull()).as("%s without %s", m.type(), key).isNotNull()
                    .extracting(DecodeError::reason).isEqualTo(Reason.MISSING_KEY);
        }
    }

    /** Replaces each field with a value of every other CBOR type; only numbers in (float) fields pass. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyFieldRefusesTheWrongCborType(ControlMessage m) {
        Map<String, CborValue> full = map(ControlCodec.encode(m));
        List<CborValue> kinds = List.of(new CborValue.UInt(1), new CborValue.NegInt(0), new CborValue.Bytes(bytes(80, 0)),
                new CborValue.Text("x"), new CborValue.Array(List.of()), new CborValue.MapValue(Map.of()),
                new CborValue.FloatValue(0.5), new CborValue.Bool(true), new CborValue.Null(), new CborValue.Undefined(),
                new CborValue.Simple(16));
        for (String key : full.keySet()) {
            for (CborValue replacement : kinds) {
                if (replacement.getClass() == full.get(key).getClass()) {
                    continue;
                }
                boolean floatField = Stream.of("loss_fraction", "loss", "jitter_ms").anyMatch(key::equals);
                if (floatField && replacement instanceof CborValue.UInt) {
                    continue;
                }
                Map<String, CborValue> changed = new LinkedHashMap<>(full);
                changed.put(key, replacement);
                Decoded<ControlMessage> d = decode(changed);
                assertThat(d.errorOrNull()).as("%s.%s = %s", m.type(), key, replacement).isNotNull();
                Reason want = key.equals("type") && replacement instanceof CborValue.Text ? Reason.UNKNOWN_TYPE
                        : replacement instanceof CborValue.NegInt && floatField ? Reason.OUT_OF_RANGE
                        : Reason.WRONG_TYPE;
                assertThat(d.errorOrNull().reason()).as("%s.%s = %s", m.type(), key, replacement).isEqualTo(want);
            }
        }
    }

    @Test
    void sealedKeyEntriesAreTypedToo() {
        Map<String, CborValue> km = map(ControlCodec.encode(WireSamples.allMessages().get(11)));
        List<UnaryOperator<Map<String, CborValue>>> breakages = List.of(
                e -> remove(e, "recipient_id"), e -> remove(e, "sealed"),
                e -> put(e, "recipient_id", new CborValue.UInt(0)), e -> put(e, "recipient_id", new CborValue.Text("2")),
                e -> put(e, "sealed", new CborValue.Bytes(bytes(79, 0))), e -> put(e, "sealed", new CborValue.Bytes(bytes(81, 0))),
                e -> put(e, "sealed", new CborValue.Text("x")));
        for (var breakage : breakages) {
            List<CborValue> entries = new ArrayList<>(((CborValue.Array) km.get("sealed_keys")).items());
            entries.set(1, new CborValue.MapValue(breakage.apply(new LinkedHashMap<>(((CborValue.MapValue) entries.get(1)).entries()))));
            Map<String, CborValue> changed = new LinkedHashMap<>(km);
            changed.put("sealed_keys", new CborValue.Array(entries));
            assertThat(decode(changed).isOk()).isFalse();
        }
        Map<String, CborValue> changed = new LinkedHashMap<>(km);
        changed.put("sealed_keys", new CborValue.Array(List.of(new CborValue.Bytes(bytes(80, 0)))));
        assertThat(decode(changed).errorOrNull().reason()).isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void byteFieldsHaveExactLengths() {
        Map<String, CborValue> km = map(ControlCodec.encode(WireSamples.allMessages().get(11)));
        for (int len : new int[] {0, 63, 65, 128}) {
            km.put("signature", new CborValue.Bytes(bytes(len, 0)));
            assertThat(decode(km).errorOrNull().reason()).isEqualTo(Reason.WRONG_LENGTH);
        }
    }

    @Test
    void idsAndCountersAreRangeChecked() {
        assertOutOfRange(WireSamples.allMessages().get(10), "peer_id", 0L);
        assertOutOfRange(WireSamples.allMessages().get(10), "peer_id", Long.MIN_VALUE); // 2^63
        assertOutOfRange(WireSamples.allMessages().get(10), "peer_id", -1L); // 2^64-1
        assertOutOfRange(WireSamples.allMessages().get(5), "your_peer_id", 0L);
        ControlMessage key = WireSamples.allMessages().get(11);
        assertOutOfRange(key, "sender_id", 0L);
        assertOutOfRange(key, "sender_id", Long.MIN_VALUE);
        assertOutOfRange(key, "key_id", 1L << 32);
        assertOutOfRange(key, "room_id", Long.MIN_VALUE);
        ControlMessage kf = WireSamples.allMessages().get(14);
        assertOutOfRange(kf, "ssrc", 1L << 32);
        assertOutOfRange(kf, "target_sender_id", 0L);
        assertOutOfRange(WireSamples.allMessages().get(0), "protocol_version", Long.MIN_VALUE);
        ControlMessage stats = WireSamples.allMessages().get(17);
        for (String counter : List.of("rtt_ms", "bitrate_in", "bitrate_out")) {
            assertOutOfRange(stats, counter, -1L);
        }
        assertOutOfRange(WireSamples.allMessages().get(15), "buffer_depth", Long.MIN_VALUE);
        assertOutOfRange(WireSamples.allMessages().get(15), "target_sender_id", Long.MIN_VALUE);

        // the edges themselves are accepted
        assertAccepted(WireSamples.allMessages().get(10), "peer_id", Long.MAX_VALUE);
        assertAccepted(key, "key_id", 0xFFFF_FFFFL);
        assertAccepted(key, "room_id", 0L);
        assertAccepted(kf, "ssrc", 0L);
    }

    @Test
    void floatFieldsAreRangeChecked() {
        ControlMessage rr = WireSamples.allMessages().get(15);
        for (double bad : new double[] {-0.01, 1.0001, Double.NaN, Double.POSITIVE_INFINITY}) {
            Map<String, CborValue> m = map(ControlCodec.encode(rr));
            m.put("loss_fraction", new CborValue.FloatValue(bad));
            assertThat(decode(m).errorOrNull().reason()).as("%s", bad).isEqualTo(Reason.OUT_OF_RANGE);
        }
        for (double bad : new double[] {-1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            Map<String, CborValue> m = map(ControlCodec.encode(rr));
            m.put("jitter_ms", new CborValue.FloatValue(bad));
            assertThat(decode(m).errorOrNull().reason()).as("%s", bad).isEqualTo(Reason.OUT_OF_RANGE);
        }
        Map<String, CborValue> m = map(ControlCodec.encode(WireSamples.allMessages().get(17)));
        m.put("loss", new CborValue.UInt(2));
        assertThat(decode(m).errorOrNull().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        m.put("loss", new CborValue.NegInt(0));
        assertThat(decode(m).errorOrNull().reason()).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void typeMustBeKnownText() {
        assertThat(decode(Map.of("type", new CborValue.Text("Goodbye"))).errorOrNull().reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(decode(Map.of("type", new CborValue.Text("leave"))).errorOrNull().reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(decode(Map.of()).errorOrNull().reason()).isEqualTo(Reason.MISSING_KEY);
        assertThat(decode(Map.of("type", new CborValue.UInt(1))).errorOrNull().reason()).isEqualTo(Reason.WRONG_TYPE);
        for (String notAMap : List.of("80", "6454797065", "01", "f6")) {
            assertThat(ControlCodec.decode(HEX.parseHex(notAMap)).errorOrNull().reason()).isEqualTo(Reason.WRONG_TYPE);
        }
    }

    @Test
    void cborViolationsSurfaceWithTheirOwnReason() {
        byte[] leave = ControlCodec.encode(new Leave());
        assertThat(ControlCodec.decode(new byte[0]).errorOrNull().reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(ControlCodec.decode(concat(HEX.parseHex("c0"), leave)).errorOrNull().reason()).isEqualTo(Reason.TAG);
        assertThat(ControlCodec.decode(HEX.parseHex("a2" + "6474797065" + "654c65617665" + "6474797065" + "654c65617665"))
                .errorOrNull().reason()).isEqualTo(Reason.DUPLICATE_KEY);
        assertThat(ControlCodec.decode(HEX.parseHex("a2" + "6474797065" + "654c65617665" + "0101"))
                .errorOrNull().reason()).isEqualTo(Reason.NON_TEXT_KEY);
        assertThat(ControlCodec.decode(HEX.parseHex("a1" + "6474797065" + "65ff65617665")).errorOrNull().reason())
                .isEqualTo(Reason.INVALID_UTF8);
        assertThat(ControlCodec.decode(new byte[Frames.MAX_PAYLOAD + 1]).errorOrNull().reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(ControlCodec.decode(null).isOk()).isFalse();
    }

    @Test
    void textAndListLimitsHold() {
        Map<String, CborValue> hello = map(ControlCodec.encode(new Hello(1, "x")));
        hello.put("client_version", new CborValue.Text("v".repeat(ControlLimits.MAX_CLIENT_VERSION_BYTES + 1)));
        assertThat(decode(hello).errorOrNull().reason()).isEqualTo(Reason.TOO_LARGE);
        hello.put("client_version", new CborValue.Text("\u00e9".repeat(ControlLimits.MAX_CLIENT_VERSION_BYTES / 2)));
        assertThat(decode(hello).isOk()).isTrue();

        Map<String, CborValue> auth = Map.of("type", new CborValue.Text("Auth"),
                "token", new CborValue.Text("t".repeat(ControlLimits.MAX_TOKEN_BYTES + 1)));
        assertThat(decode(auth).errorOrNull().reason()).isEqualTo(Reason.TOO_LARGE);

        Map<String, CborValue> km = map(ControlCodec.encode(WireSamples.allMessages().get(11)));
        List<CborValue> many = new ArrayList<>();
        for (int i = 0; i <= ControlLimits.MAX_SEALED_KEYS; i++) {
            many.add(new CborValue.Null());
        }
        km.put("sealed_keys", new CborValue.Array(many));
        assertThat(decode(km).errorOrNull().reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void encoderRefusesWhatTheDecoderWouldRefuse() {
        assertThatThrownBy(() -> ControlCodec.encode(new Hello(1, "v".repeat(300)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlCodec.encode(new Hello(-1, "v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlCodec.encode(new ReceiverReport(new PeerId(1), new PeerId(2), 1.5, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlCodec.encode(new StatsReport(1, Double.NaN, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, CborValue> withPeerId = new LinkedHashMap<>(card(1).map().entries());
        withPeerId.put("peer_id", new CborValue.UInt(1));
        MemberCard bad = new MemberCard(new CborValue.MapValue(withPeerId));
        assertThatThrownBy(() -> ControlCodec.encode(new JoinRoom(new RoomId(1), bad))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlCodec.encode(new PeerJoined(new PeerInfo(new PeerId(1), bad))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlCodec.encode(new KeyDistribute(new RoomId(1), new PeerId(1),
                new dev.parley.common.domain.KeyId(1), "A", WireSamples.sealedKeys(700), bytes(64, 0))))
                .isInstanceOf(IllegalArgumentException.class); // more than one frame
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void assertOutOfRange(ControlMessage m, String key, long bits) {
        Map<String, CborValue> changed = map(ControlCodec.encode(m));
        changed.put(key, new CborValue.UInt(bits));
        assertThat(decode(changed).errorOrNull()).as("%s.%s = %s", m.type(), key, Long.toUnsignedString(bits))
                .isNotNull().extracting(DecodeError::reason).isEqualTo(Reason.OUT_OF_RANGE);
    }

    private static void assertAccepted(ControlMessage m, String key, long bits) {
        Map<String, CborValue> changed = map(ControlCodec.encode(m));
        changed.put(key, new CborValue.UInt(bits));
        assertThat(decode(changed).isOk()).as("%s.%s = %s", m.type(), key, bits).isTrue();
    }

    static Map<String, CborValue> map(byte[] wire) {
        return new LinkedHashMap<>(((CborValue.MapValue) CborReader.decode(wire).orElseThrow()).entries());
    }

    static Decoded<ControlMessage> decode(Map<String, CborValue> m) {
        return ControlCodec.decode(CborWriter.encode(new CborValue.MapValue(m)));
    }

    private static Map<String, CborValue> put(Map<String, CborValue> m, String k, CborValue v) {
        m.put(k, v);
        return m;
    }

    private static Map<String, CborValue> remove(Map<String, CborValue> m, String k) {
        m.remove(k);
        return m;
    }

    /** Arrays nested {@code depth} deep around a 0. */
    static CborValue nestedArrays(int depth) {
        CborValue v = new CborValue.UInt(0);
        for (int i = 0; i < depth; i++) {
            v = new CborValue.Array(List.of(v));
        }
        return v;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
