package dev.parley.common.crypto;

import dev.parley.common.cbor.CborWriter;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;
import dev.parley.common.wire.ControlCodec;
import dev.parley.common.wire.MediaDatagrams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parley/v1 test vectors: fixed inputs, and the outputs this implementation computes from
 * them. {@code vectors/parley-v1-vectors.json} holds both; {@link VectorsTest} recomputes every
 * output from the file's inputs. Field conventions are in {@code vectors/README.md}.
 */
final class ParleyV1Vectors {
    static final String RESOURCE = "/vectors/parley-v1-vectors.json";
    private static final HexFormat HEX = HexFormat.of();

    private ParleyV1Vectors() {
    }

    /** One vector: its inputs and outputs, all as strings. */
    record Vector(Map<String, String> inputs, Map<String, String> outputs) {
    }

    /** The inputs the committed file was made from. */
    static Map<String, Map<String, String>> defaultInputs() {
        Map<String, Map<String, String>> in = new LinkedHashMap<>();
        String roomSecret = seq(0x02, 32); // its HKDF output has the top bit set, so the AND shows
        String aliceSeed = seq(0x20, 32);
        String bobSeed = seq(0x60, 32);
        String senderSecret = seq(0xe0, 32);
        String bobX = seq(0xa0, 32);
        String carolX = seq(0xc0, 32);
        in.put("room_keys", map("room_secret", roomSecret));
        in.put("identity_alice", map("ed25519_seed", aliceSeed));
        in.put("identity_bob", map("ed25519_seed", bobSeed));
        in.put("safety_number", map("ed25519_seed_a", aliceSeed, "ed25519_seed_b", bobSeed));
        in.put("member_card", map("room_secret", roomSecret, "ed25519_seed", aliceSeed,
                "x25519_private", seq(0x80, 32), "profile_nonce", seq(0xf0, 12),
                "display_name", HEX.formatHex("Alice".getBytes(StandardCharsets.UTF_8))));
        in.put("media_datagram", map("sender_secret", senderSecret, "room_secret", roomSecret,
                "sender_id", "0000000000000001", "kind", "01", "ssrc", "11223344", "packet_index", "00010002",
                "timestamp", "0000f000", "key_id", "00000005", "plaintext", seq(0x00, 100)));
        in.put("sealed_sender_key", map("sender_secret", senderSecret, "room_secret", roomSecret,
                "sender_id", "0000000000000001", "recipient_id", "0000000000000002", "key_id", "00000005",
                "recipient_x25519_private", bobX, "ephemeral_x25519_private", seq(0x01, 32)));
        in.put("key_distribute", map("ed25519_seed", aliceSeed, "room_secret", roomSecret,
                "sender_id", "0000000000000001", "key_id", "00000005", "sender_secret", senderSecret,
                "recipient_1_id", "0000000000000002", "recipient_1_x25519_private", bobX,
                "recipient_1_ephemeral_x25519_private", seq(0x01, 32),
                "recipient_2_id", "0000000000000003", "recipient_2_x25519_private", carolX,
                "recipient_2_ephemeral_x25519_private", seq(0x21, 32)));
        return in;
    }

    /** Computes one vector's outputs from its inputs. */
    static Map<String, String> outputs(String name, Map<String, String> in) {
        return switch (name) {
            case "room_keys" -> roomKeys(in);
            case "identity_alice", "identity_bob" -> identity(in);
            case "safety_number" -> safetyNumber(in);
            case "member_card" -> memberCard(in);
            case "media_datagram" -> mediaDatagram(in);
            case "sealed_sender_key" -> sealedSenderKey(in);
            case "key_distribute" -> keyDistribute(in);
            default -> throw new IllegalArgumentException("unknown vector " + name);
        };
    }

    /** The whole file content for the given inputs. */
    static Map<String, Object> document(Map<String, Map<String, String>> inputs) {
        Map<String, Object> vectors = new LinkedHashMap<>();
        inputs.forEach((name, in) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("inputs", in);
            v.put("outputs", outputs(name, in));
            vectors.put(name, v);
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("protocol", "parley/v1");
        doc.put("encoding", "see README.md: byte strings and integers as lowercase hex (integers big-endian at their wire width), digit strings as text");
        doc.put("vectors", vectors);
        return doc;
    }

    private static Map<String, String> roomKeys(Map<String, String> in) {
        byte[] secret = hex(in, "room_secret");
        RoomKeys k = RoomKeys.derive(secret);
        return map("room_id_hkdf_output", HEX.formatHex(Hkdf.derive(secret, RoomKeys.ROOM_ID_INFO, 8)),
                "room_id", u64(k.roomId().value()), "k_member", HEX.formatHex(k.kMember()),
                "k_profile", HEX.formatHex(k.kProfile()));
    }

    private static Map<String, String> identity(Map<String, String> in) {
        IdentityKeyPair id = IdentityKeyPair.fromSeed(hex(in, "ed25519_seed"));
        String fp = Fingerprints.fingerprint(id.publicKey());
        return map("ed25519_pub", HEX.formatHex(id.publicKey()), "fingerprint", fp,
                "fingerprint_grouped", Fingerprints.grouped(fp));
    }

    private static Map<String, String> safetyNumber(Map<String, String> in) {
        byte[] a = IdentityKeyPair.fromSeed(hex(in, "ed25519_seed_a")).publicKey();
        byte[] b = IdentityKeyPair.fromSeed(hex(in, "ed25519_seed_b")).publicKey();
        String sn = Fingerprints.safetyNumber(a, b);
        return map("safety_number", sn, "safety_number_grouped", Fingerprints.grouped(sn));
    }

    private static Map<String, String> memberCard(Map<String, String> in) {
        RoomKeys room = RoomKeys.derive(hex(in, "room_secret"));
        IdentityKeyPair id = IdentityKeyPair.fromSeed(hex(in, "ed25519_seed"));
        JoinKeyPair join = JoinKeyPair.fromPrivateKey(hex(in, "x25519_private"));
        String name = new String(hex(in, "display_name"), StandardCharsets.UTF_8);
        MemberCard card = MemberCards.build(id, join, room, name, hex(in, "profile_nonce"));
        return map("room_id", u64(room.roomId().value()),
                "ed25519_pub", HEX.formatHex(id.publicKey()),
                "x25519_pub", HEX.formatHex(join.publicKey()),
                "x25519_sig_content", HEX.formatHex(MemberCards.x25519SigContent(room.roomId(), join.publicKey())),
                "x25519_sig", HEX.formatHex(card.x25519Sig()),
                "proof", HEX.formatHex(card.proof()),
                "profile_plaintext", HEX.formatHex(MemberCards.profilePlaintext(name)),
                "profile", HEX.formatHex(card.profile()),
                "card_cbor", HEX.formatHex(CborWriter.encode(card.map())));
    }

    private static Map<String, String> mediaDatagram(Map<String, String> in) {
        SenderKey key = SenderKey.fromSecret(new KeyId(num(in, "key_id")), hex(in, "sender_secret"));
        RoomId room = RoomKeys.derive(hex(in, "room_secret")).roomId();
        byte[] plaintext = hex(in, "plaintext");
        MediaHeader h = new MediaHeader(room.value(), num(in, "sender_id"), MediaKind.fromWire((int) num(in, "kind")),
                num(in, "ssrc"), num(in, "packet_index"), num(in, "timestamp"), num(in, "key_id"),
                plaintext.length + 16);
        byte[] header = MediaDatagrams.encodeHeader(h);
        byte[] nonce = key.mediaSaltRef().clone();
        byte[] position = Bytes.concat(Bytes.u32(h.ssrc()), Bytes.u32(h.packetIndex()), Bytes.u32(h.timestamp()));
        for (int i = 0; i < 12; i++) {
            nonce[i] ^= position[i];
        }
        byte[] datagram = MediaCipher.create(key).seal(header, plaintext);
        return map("room_id", u64(room.value()), "media_key", HEX.formatHex(key.mediaKeyRef()),
                "media_salt", HEX.formatHex(key.mediaSaltRef()), "header", HEX.formatHex(header),
                "nonce", HEX.formatHex(nonce), "datagram", HEX.formatHex(datagram));
    }

    private static Map<String, String> sealedSenderKey(Map<String, String> in) {
        SenderKey key = SenderKey.fromSecret(new KeyId(num(in, "key_id")), hex(in, "sender_secret"));
        RoomId room = RoomKeys.derive(hex(in, "room_secret")).roomId();
        PeerId sender = new PeerId(num(in, "sender_id"));
        PeerId recipient = new PeerId(num(in, "recipient_id"));
        JoinKeyPair r = JoinKeyPair.fromPrivateKey(hex(in, "recipient_x25519_private"));
        JoinKeyPair eph = JoinKeyPair.fromPrivateKey(hex(in, "ephemeral_x25519_private"));
        byte[] shared = new byte[32];
        eph.agree(r.publicKey(), shared);
        byte[] kn = Hkdf.derive(shared, Bytes.concat(eph.publicKey(), r.publicKey()), Bytes.utf8(SenderKeySealer.INFO), 44);
        byte[] sealed = SenderKeySealer.seal(key, room, sender, recipient, r.publicKey(), eph);
        return map("room_id", u64(room.value()), "recipient_x25519_pub", HEX.formatHex(r.publicKey()),
                "ephemeral_x25519_pub", HEX.formatHex(eph.publicKey()), "shared_secret", HEX.formatHex(shared),
                "seal_key", HEX.formatHex(Arrays.copyOf(kn, 32)), "seal_nonce", HEX.formatHex(Arrays.copyOfRange(kn, 32, 44)),
                "aad", HEX.formatHex(SenderKeySealer.aad(room, sender, recipient, key.keyId())),
                "sealed", HEX.formatHex(sealed));
    }

    private static Map<String, String> keyDistribute(Map<String, String> in) {
        IdentityKeyPair id = IdentityKeyPair.fromSeed(hex(in, "ed25519_seed"));
        RoomId room = RoomKeys.derive(hex(in, "room_secret")).roomId();
        PeerId sender = new PeerId(num(in, "sender_id"));
        SenderKey key = SenderKey.fromSecret(new KeyId(num(in, "key_id")), hex(in, "sender_secret"));
        List<SealedKeyEntry> entries = new java.util.ArrayList<>();
        for (int i = 1; in.containsKey("recipient_" + i + "_id"); i++) {
            PeerId rid = new PeerId(num(in, "recipient_" + i + "_id"));
            JoinKeyPair r = JoinKeyPair.fromPrivateKey(hex(in, "recipient_" + i + "_x25519_private"));
            JoinKeyPair eph = JoinKeyPair.fromPrivateKey(hex(in, "recipient_" + i + "_ephemeral_x25519_private"));
            entries.add(new SealedKeyEntry(rid, SenderKeySealer.seal(key, room, sender, rid, r.publicKey(), eph)));
        }
        KeyDistribute m = KeyMessages.distribute(id, room, sender, key.keyId(), entries);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("room_id", u64(room.value()));
        for (int i = 0; i < entries.size(); i++) {
            out.put("recipient_" + (i + 1) + "_sealed", HEX.formatHex(entries.get(i).sealed()));
        }
        out.put("signed_content", HEX.formatHex(KeyMessages.signedContent(m)));
        out.put("signature", HEX.formatHex(m.signature()));
        out.put("cbor_payload", HEX.formatHex(ControlCodec.encode(m)));
        return out;
    }

    private static String seq(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return HEX.formatHex(b);
    }

    private static String u64(long v) {
        return HEX.formatHex(Bytes.u64(v));
    }

    private static byte[] hex(Map<String, String> in, String key) {
        String v = in.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing input " + key);
        }
        return HEX.parseHex(v);
    }

    private static long num(Map<String, String> in, String key) {
        return Long.parseUnsignedLong(in.get(key), 16);
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
