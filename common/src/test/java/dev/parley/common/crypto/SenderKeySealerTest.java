package dev.parley.common.crypto;

import dev.parley.common.crypto.SenderKeySealer.Reason;
import dev.parley.common.crypto.SenderKeySealer.Unsealed;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderKeySealerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RoomId ROOM = new RoomId(77);
    private static final PeerId SENDER = new PeerId(1);
    private static final PeerId BOB = new PeerId(2);
    private static final KeyId KEY_ID = new KeyId(5);

    /** Points of order dividing 8 (RFC 7748 section 6.1 asks to reject the all-zero result they give). */
    static final String[] LOW_ORDER_POINTS = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };

    private final SenderKey key = SenderKey.generate(KEY_ID, RANDOM);
    private final JoinKeyPair bob = JoinKeyPair.generate(RANDOM);

    private Unsealed unsealAsBob(byte[] sealed) {
        return SenderKeySealer.unseal(sealed, ROOM, SENDER, BOB, KEY_ID, bob);
    }

    @Test
    void roundTrip() {
        byte[] sealed = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
        assertThat(sealed).hasSize(80);
        Unsealed u = unsealAsBob(sealed);
        assertThat(u).isInstanceOf(Unsealed.Ok.class);
        SenderKey got = ((Unsealed.Ok) u).key();
        assertThat(got.keyId()).isEqualTo(KEY_ID);
        assertThat(got.secretRef()).isEqualTo(key.secretRef());
    }

    @Test
    void freshEphemeralEveryTime() {
        byte[] a = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
        byte[] b = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void onlyTheRightRecipientRoomSenderAndKeyIdOpenIt() {
        byte[] sealed = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
        JoinKeyPair carol = JoinKeyPair.generate(RANDOM);
        Unsealed failed = new Unsealed.Failed(Reason.AUTHENTICATION_FAILED);
        assertThat(SenderKeySealer.unseal(sealed, ROOM, SENDER, BOB, KEY_ID, carol)).as("wrong recipient key").isEqualTo(failed);
        assertThat(SenderKeySealer.unseal(sealed, ROOM, SENDER, new PeerId(3), KEY_ID, bob)).as("other recipient id").isEqualTo(failed);
        assertThat(SenderKeySealer.unseal(sealed, new RoomId(78), SENDER, BOB, KEY_ID, bob)).as("other room").isEqualTo(failed);
        assertThat(SenderKeySealer.unseal(sealed, ROOM, new PeerId(9), BOB, KEY_ID, bob)).as("other sender").isEqualTo(failed);
        assertThat(SenderKeySealer.unseal(sealed, ROOM, SENDER, BOB, new KeyId(6), bob)).as("other key id").isEqualTo(failed);
        assertThat(unsealAsBob(sealed)).isInstanceOf(Unsealed.Ok.class);
    }

    @Test
    void everyBitFlipFails() {
        byte[] sealed = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
        for (int bit = 0; bit < 80 * 8; bit++) {
            byte[] bad = sealed.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(unsealAsBob(bad)).as("bit %d", bit).isInstanceOf(Unsealed.Failed.class);
        }
    }

    @Test
    void allZeroSharedSecretIsRefusedBothWays() {
        for (String hex : LOW_ORDER_POINTS) {
            byte[] point = HexFormat.of().parseHex(hex);
            assertThat(MemberCards.isLowOrder(point)).as(hex).isTrue();
            // a sender never seals to a low-order join key
            assertThatThrownBy(() -> SenderKeySealer.seal(key, ROOM, SENDER, BOB, point, RANDOM))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low-order");
            // a recipient refuses a seal whose ephemeral key is a low-order point
            byte[] sealed = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
            System.arraycopy(point, 0, sealed, 0, 32);
            assertThat(unsealAsBob(sealed)).isEqualTo(new Unsealed.Failed(Reason.ALL_ZERO_SHARED_SECRET));
        }
        assertThat(MemberCards.isLowOrder(bob.publicKey())).isFalse();
    }

    @Test
    void wrongLengthAndErasedKey() {
        assertThat(unsealAsBob(new byte[79])).isEqualTo(new Unsealed.Failed(Reason.WRONG_LENGTH));
        byte[] sealed = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), RANDOM);
        bob.erase();
        assertThat(bob.isErased()).isTrue();
        assertThat(unsealAsBob(sealed)).isEqualTo(new Unsealed.Failed(Reason.JOIN_KEY_ERASED));
    }

    @Test
    void matchesSectionSevenWrittenOutWithTheJdk() throws Exception {
        // independent recomputation: JDK X25519 (XDH), HKDF from javax.crypto.Mac, JDK ChaCha20-Poly1305
        JoinKeyPair eph = JoinKeyPair.generate(RANDOM);
        byte[] sealed = SenderKeySealer.seal(key, ROOM, SENDER, BOB, bob.publicKey(), eph);
        byte[] shared = JdkReference.x25519(eph, bob.publicKey());
        byte[] kn = JdkReference.hkdf(shared, Bytes.concat(eph.publicKey(), bob.publicKey()), "parley/v1 seal", 44);
        byte[] aad = Bytes.concat(Bytes.u64(77), Bytes.u64(1), Bytes.u64(2), Bytes.u32(5));
        byte[] ct = JdkReference.chachaPoly(java.util.Arrays.copyOf(kn, 32), java.util.Arrays.copyOfRange(kn, 32, 44), aad,
                key.secretRef());
        assertThat(sealed).isEqualTo(Bytes.concat(eph.publicKey(), ct));
    }
}
