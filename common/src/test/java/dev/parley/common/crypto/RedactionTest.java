package dev.parley.common.crypto;

import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomLink;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No key-holding type prints a secret, in hex or base64, whole or in part. */
class RedactionTest {
    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 0x5c);
    }

    private static void assertHidden(Object o, byte[]... secrets) {
        String s = o.toString();
        for (byte[] secret : secrets) {
            String hex = HexFormat.of().formatHex(secret);
            String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            assertThat(s).as(s).doesNotContain(hex.substring(0, 8)).doesNotContain(b64.substring(0, 8))
                    .doesNotContainIgnoringCase(HexFormat.of().withUpperCase().formatHex(secret).substring(0, 8));
        }
        assertThat(s).doesNotContain("[B@"); // no raw array references either
    }

    @Test
    void keyHoldersAreRedacted() {
        RoomKeys room = RoomKeys.derive(SECRET);
        assertHidden(room, SECRET, room.kMember(), room.kProfile());
        assertThat(room.toString()).contains(room.roomId().toString());
        assertHidden(new RoomLink("h.example", 4433, SECRET, Optional.empty()), SECRET);
        IdentityKeyPair id = IdentityKeyPair.fromSeed(SECRET);
        assertHidden(id, SECRET);
        JoinKeyPair join = JoinKeyPair.fromPrivateKey(SECRET);
        assertHidden(join, SECRET);
        SenderKey key = SenderKey.fromSecret(new KeyId(1), SECRET);
        assertHidden(key, SECRET, key.mediaKeyRef(), key.mediaSaltRef());
        MediaCipher cipher = MediaCipher.create(key);
        assertThat(cipher.toString()).doesNotContain("5c5c5c");
        assertHidden(new KeyMessages.Receiver(room.roomId(), new PeerId(1), join), SECRET);
    }

    @Test
    void roomKeysCopyTheirArrays() {
        RoomKeys room = RoomKeys.derive(SECRET);
        room.kMember()[0] ^= 1;
        assertThat(room).isEqualTo(RoomKeys.derive(SECRET));
        assertThat(room.roomId().value()).isNotNegative();
    }

    @Test
    void erasedKeysCannotBeUsed() {
        IdentityKeyPair id = IdentityKeyPair.fromSeed(SECRET);
        id.erase();
        assertThatThrownBy(() -> id.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        JoinKeyPair join = JoinKeyPair.fromPrivateKey(SECRET);
        byte[] pub = join.publicKey();
        join.erase();
        assertThat(join.publicKey()).isEqualTo(pub);
        assertThatThrownBy(() -> join.agree(pub, new byte[32])).isInstanceOf(IllegalStateException.class);
    }
}
