package dev.parley.common.crypto;

import dev.parley.common.crypto.KeyMessages.Receiver;
import dev.parley.common.crypto.KeyMessages.Recipient;
import dev.parley.common.crypto.KeyVerification.Accepted;
import dev.parley.common.crypto.KeyVerification.Dropped;
import dev.parley.common.crypto.KeyVerification.Reason;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.ControlMessage.KeyMessage;
import dev.parley.common.domain.ControlMessage.KeyRotate;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyMessagesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RoomId ROOM = new RoomId(0x0123_4567_89AB_CDEFL);
    private static final PeerId SENDER = new PeerId(100);

    private final IdentityKeyPair senderId = IdentityKeyPair.generate(RANDOM);
    private final VerifiedPeer senderPeer = new VerifiedPeer(SENDER, senderId.publicKey(),
            JoinKeyPair.generate(RANDOM).publicKey(), "Sender");
    private final List<JoinKeyPair> joinKeys = new ArrayList<>();
    private final List<Recipient> recipients = new ArrayList<>();
    private final SenderKey key = SenderKey.generate(new KeyId(7), RANDOM);

    KeyMessagesTest() {
        for (int i = 1; i <= 10; i++) {
            JoinKeyPair jk = JoinKeyPair.generate(RANDOM);
            joinKeys.add(jk);
            recipients.add(new Recipient(new PeerId(i), jk.publicKey()));
        }
    }

    private Receiver receiver(int i) {
        return new Receiver(ROOM, new PeerId(i), joinKeys.get(i - 1));
    }

    private KeyVerification verify(KeyMessage m, Receiver r) {
        return KeyMessages.verify(m, Optional.of(senderPeer), Optional.empty(), r);
    }

    private static Reason reason(KeyVerification v) {
        assertThat(v).isInstanceOf(Dropped.class);
        return ((Dropped) v).reason();
    }

    @Test
    void everyRecipientUnsealsTheSameKey() {
        KeyDistribute d = KeyMessages.distribute(senderId, ROOM, SENDER, key, recipients, RANDOM);
        assertThat(d.algo()).isEqualTo("CHACHA20-POLY1305");
        assertThat(d.sealedKeys()).extracting(SealedKeyEntry::recipientId)
                .containsExactlyElementsOf(recipients.stream().map(Recipient::peerId).toList());
        for (int i = 1; i <= 10; i++) {
            KeyVerification v = verify(d, receiver(i));
            assertThat(v).isInstanceOf(Accepted.class);
            SenderKey got = ((Accepted) v).key();
            assertThat(got.keyId()).isEqualTo(new KeyId(7));
            assertThat(got.secretRef()).isEqualTo(key.secretRef());
        }
        KeyRotate r = KeyMessages.rotate(senderId, ROOM, SENDER, key, recipients, RANDOM);
        assertThat(verify(r, receiver(4))).isInstanceOf(Accepted.class);
    }

    @Test
    void signedContentIsExactlySectionSeven() {
        KeyDistribute d = KeyMessages.distribute(senderId, ROOM, SENDER, key, recipients.subList(0, 2), RANDOM);
        byte[] expected = Bytes.concat("parley/v1 keys".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {1}, Bytes.u64(ROOM.value()), Bytes.u64(100), Bytes.u32(7), new byte[] {0, 2},
                Bytes.u64(1), d.sealedKeys().get(0).sealed(), Bytes.u64(2), d.sealedKeys().get(1).sealed());
        assertThat(KeyMessages.signedContent(d)).isEqualTo(expected);
        assertThat(IdentityKeyPair.verify(senderId.publicKey(), expected, d.signature())).isTrue();
        KeyRotate r = new KeyRotate(d.roomId(), d.senderId(), d.keyId(), d.algo(), d.sealedKeys(), d.signature());
        expected[14] = 2;
        assertThat(KeyMessages.signedContent(r)).isEqualTo(expected);
    }

    @Test
    void anyChangeToTheSignedContentBreaksTheSignature() {
        KeyDistribute d = KeyMessages.distribute(senderId, ROOM, SENDER, key, recipients, RANDOM);
        byte[] sig = d.signature();
        List<SealedKeyEntry> entries = d.sealedKeys();

        // t: the same fields presented as the other message type
        KeyRotate asRotate = new KeyRotate(ROOM, SENDER, d.keyId(), d.algo(), entries, sig);
        assertThat(reason(verify(asRotate, receiver(1)))).isEqualTo(Reason.BAD_SIGNATURE);

        // room_id, verified by a receiver who is in that other room
        RoomId otherRoom = new RoomId(ROOM.value() ^ 1);
        KeyDistribute room = new KeyDistribute(otherRoom, SENDER, d.keyId(), d.algo(), entries, sig);
        assertThat(reason(verify(room, new Receiver(otherRoom, new PeerId(1), joinKeys.get(0)))))
                .isEqualTo(Reason.BAD_SIGNATURE);

        // sender_id, with a verified peer of that id holding the same identity key
        PeerId otherSender = new PeerId(101);
        KeyDistribute sender = new KeyDistribute(ROOM, otherSender, d.keyId(), d.algo(), entries, sig);
        VerifiedPeer twin = new VerifiedPeer(otherSender, senderId.publicKey(), senderPeer.x25519Pub(), "Twin");
        assertThat(reason(KeyMessages.verify(sender, Optional.of(twin), Optional.empty(), receiver(1))))
                .isEqualTo(Reason.BAD_SIGNATURE);

        // key_id
        KeyDistribute keyId = new KeyDistribute(ROOM, SENDER, new KeyId(8), d.algo(), entries, sig);
        assertThat(reason(verify(keyId, receiver(1)))).isEqualTo(Reason.BAD_SIGNATURE);

        // count: an entry dropped, or one added
        KeyDistribute fewer = new KeyDistribute(ROOM, SENDER, d.keyId(), d.algo(), entries.subList(0, 9), sig);
        assertThat(reason(verify(fewer, receiver(1)))).isEqualTo(Reason.BAD_SIGNATURE);
        List<SealedKeyEntry> more = new ArrayList<>(entries);
        more.add(new SealedKeyEntry(new PeerId(11), entries.get(0).sealed()));
        assertThat(reason(verify(new KeyDistribute(ROOM, SENDER, d.keyId(), d.algo(), more, sig), receiver(1))))
                .isEqualTo(Reason.BAD_SIGNATURE);

        // order of entries
        List<SealedKeyEntry> swapped = new ArrayList<>(entries);
        java.util.Collections.swap(swapped, 0, 1);
        assertThat(reason(verify(new KeyDistribute(ROOM, SENDER, d.keyId(), d.algo(), swapped, sig), receiver(1))))
                .isEqualTo(Reason.BAD_SIGNATURE);

        // each recipient_id
        for (int e = 0; e < entries.size(); e++) {
            List<SealedKeyEntry> changed = new ArrayList<>(entries);
            changed.set(e, new SealedKeyEntry(new PeerId(1000 + e), entries.get(e).sealed()));
            assertThat(reason(verify(new KeyDistribute(ROOM, SENDER, d.keyId(), d.algo(), changed, sig), receiver(e == 0 ? 2 : 1))))
                    .as("recipient id of entry %d", e).isEqualTo(Reason.BAD_SIGNATURE);
        }

        // each byte of each sealed key
        for (int e = 0; e < entries.size(); e++) {
            for (int b = 0; b < 80; b++) {
                List<SealedKeyEntry> changed = new ArrayList<>(entries);
                byte[] s = entries.get(e).sealed();
                s[b] ^= 0x01;
                changed.set(e, new SealedKeyEntry(entries.get(e).recipientId(), s));
                assertThat(reason(verify(new KeyDistribute(ROOM, SENDER, d.keyId(), d.algo(), changed, sig), receiver(1))))
                        .as("entry %d byte %d", e, b).isEqualTo(Reason.BAD_SIGNATURE);
            }
        }

        // each bit of the signature
        for (int bit = 0; bit < 512; bit++) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(reason(verify(new KeyDistribute(ROOM, SENDER, d.keyId(), d.algo(), entries, bad), receiver(1))))
                    .as("signature bit %d", bit).isEqualTo(Reason.BAD_SIGNATURE);
        }

        assertThat(verify(d, receiver(1))).isInstanceOf(Accepted.class);
    }

    @Test
    void signatureByAnotherIdentityFails() {
        KeyDistribute d = KeyMessages.distribute(IdentityKeyPair.generate(RANDOM), ROOM, SENDER, key, recipients, RANDOM);
        assertThat(reason(verify(d, receiver(1)))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void dropRulesEachWithItsReason() {
        KeyDistribute d = KeyMessages.distribute(senderId, ROOM, SENDER, key, recipients, RANDOM);
        assertThat(reason(KeyMessages.verify(d, Optional.empty(), Optional.empty(), receiver(1))))
                .isEqualTo(Reason.SENDER_NOT_VERIFIED);
        VerifiedPeer someoneElse = new VerifiedPeer(new PeerId(5), senderId.publicKey(), senderPeer.x25519Pub(), "X");
        assertThat(reason(KeyMessages.verify(d, Optional.of(someoneElse), Optional.empty(), receiver(1))))
                .isEqualTo(Reason.SENDER_NOT_VERIFIED);
        assertThat(reason(verify(d, new Receiver(new RoomId(1), new PeerId(1), joinKeys.get(0)))))
                .isEqualTo(Reason.WRONG_ROOM);
        KeyDistribute algo = new KeyDistribute(ROOM, SENDER, d.keyId(), "AES-256-GCM", d.sealedKeys(), d.signature());
        assertThat(reason(verify(algo, receiver(1)))).isEqualTo(Reason.UNSUPPORTED_ALGO);

        List<SealedKeyEntry> dup = new ArrayList<>(d.sealedKeys());
        dup.add(dup.get(3));
        KeyDistribute duplicate = KeyMessages.distribute(senderId, ROOM, SENDER, d.keyId(), dup);
        assertThat(reason(verify(duplicate, receiver(1)))).isEqualTo(Reason.DUPLICATE_RECIPIENT);

        assertThat(reason(KeyMessages.verify(d, Optional.of(senderPeer), Optional.of(new KeyId(7)), receiver(1))))
                .as("equal key id").isEqualTo(Reason.STALE_KEY_ID);
        assertThat(reason(KeyMessages.verify(d, Optional.of(senderPeer), Optional.of(new KeyId(9)), receiver(1))))
                .as("older key id").isEqualTo(Reason.STALE_KEY_ID);
        assertThat(KeyMessages.verify(d, Optional.of(senderPeer), Optional.of(new KeyId(6)), receiver(1)))
                .isInstanceOf(Accepted.class);

        assertThat(reason(verify(d, new Receiver(ROOM, new PeerId(11), JoinKeyPair.generate(RANDOM)))))
                .isEqualTo(Reason.OWN_ENTRY_MISSING);
        assertThat(reason(verify(d, new Receiver(ROOM, new PeerId(1), joinKeys.get(1)))))
                .as("entry opened with another member's join key").isEqualTo(Reason.OWN_ENTRY_DOES_NOT_UNSEAL);
    }

    @Test
    void correctlySignedEntrySealedForAnotherContextDoesNotUnseal() {
        Recipient one = recipients.get(0);
        SenderKey k = SenderKey.generate(new KeyId(3), RANDOM);
        // sealed for key id 3 but announced and signed as key id 4
        byte[] otherKeyId = SenderKeySealer.seal(k, ROOM, SENDER, one.peerId(), one.x25519Pub(), RANDOM);
        KeyDistribute m = KeyMessages.distribute(senderId, ROOM, SENDER, new KeyId(4),
                List.of(new SealedKeyEntry(one.peerId(), otherKeyId)));
        assertThat(reason(verify(m, receiver(1)))).isEqualTo(Reason.OWN_ENTRY_DOES_NOT_UNSEAL);
        // sealed for another room
        byte[] otherRoom = SenderKeySealer.seal(k, new RoomId(5), SENDER, one.peerId(), one.x25519Pub(), RANDOM);
        m = KeyMessages.distribute(senderId, ROOM, SENDER, new KeyId(3), List.of(new SealedKeyEntry(one.peerId(), otherRoom)));
        assertThat(reason(verify(m, receiver(1)))).isEqualTo(Reason.OWN_ENTRY_DOES_NOT_UNSEAL);
        // sealed by another sender
        byte[] otherSender = SenderKeySealer.seal(k, ROOM, new PeerId(55), one.peerId(), one.x25519Pub(), RANDOM);
        m = KeyMessages.distribute(senderId, ROOM, SENDER, new KeyId(3), List.of(new SealedKeyEntry(one.peerId(), otherSender)));
        assertThat(reason(verify(m, receiver(1)))).isEqualTo(Reason.OWN_ENTRY_DOES_NOT_UNSEAL);
        // sealed to recipient 2 but filed under recipient 1
        byte[] otherRecipient = SenderKeySealer.seal(k, ROOM, SENDER, new PeerId(2), one.x25519Pub(), RANDOM);
        m = KeyMessages.distribute(senderId, ROOM, SENDER, new KeyId(3), List.of(new SealedKeyEntry(one.peerId(), otherRecipient)));
        assertThat(reason(verify(m, receiver(1)))).isEqualTo(Reason.OWN_ENTRY_DOES_NOT_UNSEAL);
        // a low-order ephemeral key
        byte[] lowOrder = SenderKeySealer.seal(k, ROOM, SENDER, one.peerId(), one.x25519Pub(), RANDOM);
        lowOrder[0] = 1;
        java.util.Arrays.fill(lowOrder, 1, 32, (byte) 0);
        m = KeyMessages.distribute(senderId, ROOM, SENDER, new KeyId(3), List.of(new SealedKeyEntry(one.peerId(), lowOrder)));
        KeyVerification v = verify(m, receiver(1));
        assertThat(reason(v)).isEqualTo(Reason.OWN_ENTRY_DOES_NOT_UNSEAL);
        assertThat(((Dropped) v).message()).contains("ALL_ZERO_SHARED_SECRET");
    }

    @Test
    void buildingRefusesDuplicateRecipients() {
        List<Recipient> dup = new ArrayList<>(recipients);
        dup.add(recipients.get(0));
        assertThatThrownBy(() -> KeyMessages.distribute(senderId, ROOM, SENDER, key, dup, RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
