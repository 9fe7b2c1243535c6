package dev.parley.common.crypto;

import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.crypto.CardVerification.Failed;
import dev.parley.common.crypto.CardVerification.Reason;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberCardsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PeerId ME = new PeerId(1);
    private static final PeerId ALICE = new PeerId(2);

    private final byte[] secret = new byte[32];
    private final RoomKeys room;
    private final IdentityKeyPair aliceId = IdentityKeyPair.generate(RANDOM);
    private final JoinKeyPair aliceJoin = JoinKeyPair.generate(RANDOM);
    private final MemberCard card;

    MemberCardsTest() {
        RANDOM.nextBytes(secret);
        room = RoomKeys.derive(secret);
        card = MemberCards.build(aliceId, aliceJoin, room, "Alice ✓", RANDOM);
    }

    private CardVerification verify(MemberCard c) {
        return MemberCards.verify(new PeerInfo(ALICE, c), room, ME);
    }

    private static Reason reason(CardVerification v) {
        assertThat(v).isInstanceOf(Failed.class);
        return ((Failed) v).reason();
    }

    private static MemberCard with(MemberCard c, String key, CborValue value) {
        Map<String, CborValue> m = new LinkedHashMap<>(c.map().entries());
        m.put(key, value);
        return new MemberCard(new CborValue.MapValue(m));
    }

    private static byte[] flip(byte[] b, int i) {
        byte[] c = b.clone();
        c[i] ^= 0x01;
        return c;
    }

    @Test
    void buildThenVerify() {
        CardVerification v = verify(card);
        assertThat(v).isInstanceOf(VerifiedPeer.class);
        VerifiedPeer p = (VerifiedPeer) v;
        assertThat(p.peerId()).isEqualTo(ALICE);
        assertThat(p.ed25519Pub()).isEqualTo(aliceId.publicKey());
        assertThat(p.x25519Pub()).isEqualTo(aliceJoin.publicKey());
        assertThat(p.displayName()).isEqualTo("Alice ✓");
        assertThat(p.toString()).doesNotContain("Alice");
        assertThat(card.profile()).hasSize(12 + MemberCards.profilePlaintext("Alice ✓").length + 16);
    }

    @Test
    void cardFieldsAreSectionFiveThreeWrittenOut() throws Exception {
        byte[] x = aliceJoin.publicKey();
        byte[] ed = aliceId.publicKey();
        byte[] room = Bytes.u64(this.room.roomId().value());
        byte[] sigContent = Bytes.concat("parley/v1 x25519".getBytes(StandardCharsets.UTF_8), room, x);
        assertThat(card.x25519Sig()).isEqualTo(aliceId.sign(sigContent));
        byte[] kMember = JdkReference.hkdf(secret, null, "parley/v1 member key", 32);
        assertThat(card.proof()).isEqualTo(JdkReference.hmacSha256(kMember,
                Bytes.concat("parley/v1 member".getBytes(StandardCharsets.UTF_8), room, ed, x)));
        byte[] kProfile = JdkReference.hkdf(secret, null, "parley/v1 profile key", 32);
        byte[] nonce = java.util.Arrays.copyOf(card.profile(), 12);
        byte[] plaintext = HexFormat.of().parseHex("a1646e616d6569416c69636520e29c93"); // {"name": "Alice ✓"}
        assertThat(card.profile()).isEqualTo(Bytes.concat(nonce,
                JdkReference.chachaPoly(kProfile, nonce, Bytes.concat(room, ed), plaintext)));
    }

    @Test
    void eachTamperFailsWithItsReason() {
        assertThat(reason(verify(with(card, "x25519_sig", new CborValue.Bytes(flip(card.x25519Sig(), 10))))))
                .isEqualTo(Reason.BAD_X25519_SIG);
        // a different join key under the old signature
        assertThat(reason(verify(with(card, "x25519_pub", new CborValue.Bytes(JoinKeyPair.generate(RANDOM).publicKey())))))
                .isEqualTo(Reason.BAD_X25519_SIG);
        assertThat(reason(verify(with(card, "proof", new CborValue.Bytes(flip(card.proof(), 31))))))
                .isEqualTo(Reason.BAD_PROOF);
        for (int i = 0; i < card.profile().length; i++) {
            assertThat(reason(verify(with(card, "profile", new CborValue.Bytes(flip(card.profile(), i))))))
                    .as("profile byte %d", i).isEqualTo(Reason.PROFILE_DOES_NOT_OPEN);
        }
        // another identity key: the signature no longer matches
        assertThat(reason(verify(with(card, "ed25519_pub", new CborValue.Bytes(IdentityKeyPair.generate(RANDOM).publicKey())))))
                .isEqualTo(Reason.BAD_X25519_SIG);
    }

    @Test
    void aCardMadeWithoutTheRoomSecretFails() {
        byte[] other = secret.clone();
        other[0] ^= 1;
        RoomKeys wrong = RoomKeys.derive(other);
        // same room id claimed, but K_member and K_profile from another secret
        RoomKeys forged = new RoomKeys(room.roomId(), wrong.kMember(), wrong.kProfile());
        MemberCard c = MemberCards.build(aliceId, aliceJoin, forged, "Mallory", RANDOM);
        assertThat(reason(verify(c))).isEqualTo(Reason.BAD_PROOF);
        // a card for another room altogether fails already at its signature
        assertThat(reason(verify(MemberCards.build(aliceId, aliceJoin, wrong, "Alice", RANDOM))))
                .isEqualTo(Reason.BAD_X25519_SIG);
        // right K_member, wrong K_profile: only the profile fails
        RoomKeys halfRight = new RoomKeys(room.roomId(), room.kMember(), wrong.kProfile());
        assertThat(reason(verify(MemberCards.build(aliceId, aliceJoin, halfRight, "Alice", RANDOM))))
                .isEqualTo(Reason.PROFILE_DOES_NOT_OPEN);
    }

    private MemberCard withProfilePlaintext(byte[] plaintext) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        return with(card, "profile", new CborValue.Bytes(MemberCards.sealProfile(room, aliceId.publicKey(), plaintext, nonce)));
    }

    private static byte[] nameMap(String name) {
        return new CborWriter().startMap(1).writeText("name").writeText(name).toByteArray();
    }

    @Test
    void nameRules() {
        assertThat(reason(verify(withProfilePlaintext(nameMap(""))))).isEqualTo(Reason.BAD_NAME);
        assertThat(reason(verify(withProfilePlaintext(nameMap("x".repeat(65)))))).isEqualTo(Reason.BAD_NAME);
        assertThat(verify(withProfilePlaintext(nameMap("x".repeat(64))))).isInstanceOf(VerifiedPeer.class);
        assertThat(verify(withProfilePlaintext(nameMap("😀".repeat(64))))).isInstanceOf(VerifiedPeer.class);
        assertThat(reason(verify(withProfilePlaintext(nameMap("😀".repeat(65)))))).isEqualTo(Reason.BAD_NAME);
        assertThatThrownBy(() -> MemberCards.build(aliceId, aliceJoin, room, "", RANDOM)).hasMessageContaining("empty");
        assertThatThrownBy(() -> MemberCards.build(aliceId, aliceJoin, room, "y".repeat(65), RANDOM)).hasMessageContaining("65");
        assertThatThrownBy(() -> MemberCards.build(aliceId, aliceJoin, room, "a\uD800b", RANDOM)).hasMessageContaining("surrogate");
        assertThat(MemberCards.nameProblem("😀".repeat(64))).isEmpty();
    }

    @Test
    void profilePlaintextRules() {
        assertThat(reason(verify(withProfilePlaintext(new byte[] {(byte) 0xff})))).isEqualTo(Reason.BAD_PROFILE);
        assertThat(reason(verify(withProfilePlaintext(new CborWriter().writeText("Alice").toByteArray()))))
                .isEqualTo(Reason.BAD_PROFILE);
        assertThat(reason(verify(withProfilePlaintext(new CborWriter().startMap(1).writeText("nick").writeText("A").toByteArray()))))
                .isEqualTo(Reason.BAD_PROFILE);
        assertThat(reason(verify(withProfilePlaintext(new CborWriter().startMap(1).writeText("name").writeUnsigned(5).toByteArray()))))
                .isEqualTo(Reason.BAD_PROFILE);
        // other keys are ignored; any well-formed encoding is accepted (here an indefinite-length map)
        byte[] extra = new CborWriter().startMap(2).writeText("avatar").writeBytes(new byte[3]).writeText("name").writeText("Al").toByteArray();
        assertThat(((VerifiedPeer) verify(withProfilePlaintext(extra))).displayName()).isEqualTo("Al");
        byte[] indefinite = HexFormat.of().parseHex("bf646e616d65624142ff");
        assertThat(((VerifiedPeer) verify(withProfilePlaintext(indefinite))).displayName()).isEqualTo("AB");
    }

    @Test
    void illFormedCards() {
        Map<String, CborValue> m = new LinkedHashMap<>(card.map().entries());
        m.remove("proof");
        assertThat(reason(verify(new MemberCard(new CborValue.MapValue(m))))).isEqualTo(Reason.ILL_FORMED);
        assertThat(reason(verify(with(card, "x25519_pub", new CborValue.Bytes(new byte[31]))))).isEqualTo(Reason.ILL_FORMED);
        assertThat(reason(verify(with(card, "profile", new CborValue.Text("x"))))).isEqualTo(Reason.ILL_FORMED);
        assertThat(reason(verify(with(card, "peer_id", CborValue.UInt.of(2))))).isEqualTo(Reason.ILL_FORMED);
        // unknown keys are carried and ignored
        assertThat(verify(with(card, "future_field", new CborValue.Text("hi")))).isInstanceOf(VerifiedPeer.class);
    }

    @Test
    void callContextRules() {
        assertThat(reason(MemberCards.verify(new PeerInfo(ME, card), room, ME))).isEqualTo(Reason.OWN_PEER_ID);
        assertThat(reason(MemberCards.verify(new PeerInfo(ALICE, card), room, ME, aliceJoin.publicKey(), List.of())))
                .isEqualTo(Reason.OWN_X25519_KEY);
        byte[] someone = JoinKeyPair.generate(RANDOM).publicKey();
        assertThat(reason(MemberCards.verify(new PeerInfo(new PeerId(9), card), room, ME,
                someone, List.of(someone, aliceJoin.publicKey())))).isEqualTo(Reason.DUPLICATE_X25519_KEY);
        assertThat(reason(MemberCards.verify(new PeerInfo(ALICE, card), room, ME, someone, List.of(aliceJoin.publicKey().clone()))))
                .as("compared by value").isEqualTo(Reason.DUPLICATE_X25519_KEY);
        assertThat(MemberCards.verify(new PeerInfo(ALICE, card), room, ME, someone, List.of()))
                .isInstanceOf(VerifiedPeer.class);
    }

    @Test
    void lowOrderJoinKeyFails() {
        // a member signs and proves a low-order point as its join key: no key could ever reach it
        byte[] x = HexFormat.of().parseHex(SenderKeySealerTest.LOW_ORDER_POINTS[2]);
        byte[] sig = aliceId.sign(MemberCards.x25519SigContent(room.roomId(), x));
        byte[] proof = MemberCards.proof(room, aliceId.publicKey(), x);
        MemberCard c = MemberCard.of(aliceId.publicKey(), x, sig, proof, card.profile());
        assertThat(reason(verify(c))).isEqualTo(Reason.LOW_ORDER_X25519_KEY);
    }

}
