package dev.parley.common.call;

import dev.parley.common.call.CallHarness.Party;
import dev.parley.common.cbor.CborValue;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.JoinKeyPair;
import dev.parley.common.crypto.MemberCards;
import dev.parley.common.crypto.RoomKeys;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import dev.parley.common.testing.relay.TestRelay;
import dev.parley.common.wire.ControlCodec;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The honest clients against a relay that lies (PROTOCOL.md section 1): what it forges is refused,
 * the honest members keep talking to each other, and no packet is played twice.
 */
class MisbehavingRelayTest {
    private static final short[] SPEECH = Arrays.copyOf(TestAudio.speechA(), 48_000 * 4);

    @Test
    void aSwappedJoinKeyFailsVerificationAndGetsNoKeys() throws Exception {
        byte[] relayKey = JoinKeyPair.generate().publicKey();
        try (CallHarness call = new CallHarness()) {
            Party alice = call.join("Alice", SPEECH, false);
            Party bob = call.join("Bob", null, true);
            call.awaitPresent(1, alice, bob);
            long bobId = bob.id().value();
            long aliceId = alice.id().value();
            // from now on the relay tells Alice and Bob that Carol's join key is the relay's own
            call.relay.setMischief(new TestRelay.Mischief() {
                @Override
                public List<byte[]> control(TestRelay.Member to, byte[] payload, ControlMessage message) {
                    if (message instanceof ControlMessage.PeerJoined joined) {
                        PeerInfo forged = new PeerInfo(joined.peer().peerId(),
                                withField(joined.peer().card(), MemberCard.X25519_PUB, relayKey));
                        return List.of(ControlCodec.encode(new ControlMessage.PeerJoined(forged)));
                    }
                    return List.of(payload);
                }
            });
            Party carol = call.join("Carol", null, true);
            long carolId = carol.id().value();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    alice.log().participants().containsKey(carolId) && bob.log().participants().containsKey(carolId));
            assertThat(alice.log().participants().get(carolId).status()).isEqualTo(ParticipantStatus.FAILED_VERIFICATION);
            assertThat(alice.log().participants().get(carolId).failure()).get().asString().contains("x25519_sig");
            assertThat(bob.log().participants().get(carolId).status()).isEqualTo(ParticipantStatus.FAILED_VERIFICATION);

            CallHarness.speakAndWait(alice, bob);
            assertThat(CallHarness.heard(SPEECH, bob).correlation()).isGreaterThanOrEqualTo(0.9);
            // nothing Alice or Bob sent was ever sealed for the forged peer
            for (ControlMessage m : call.relay.controlLog()) {
                if (m instanceof ControlMessage.KeyMessage k
                        && (k.senderId().value() == aliceId || k.senderId().value() == bobId)) {
                    assertThat(k.sealedKeys()).noneMatch(e -> e.recipientId().value() == carolId);
                }
            }
            assertThat(alice.session().counters().get(CallCounters.Reason.PEER_FAILED_VERIFICATION)).isEqualTo(1);
        }
    }

    @Test
    void aMemberMadeUpByTheRelayWithoutTheRoomSecretIsRefused() throws Exception {
        try (CallHarness call = new CallHarness()) {
            Party alice = call.join("Alice", SPEECH, false);
            Party bob = call.join("Bob", null, true);
            call.awaitPresent(1, alice, bob);
            long keyBefore = alice.session().currentKeyId();
            // the relay knows the room id but not the room secret: its proof and profile cannot be right
            RoomKeys real = RoomKeys.of(call.link);
            byte[] k1 = new byte[32];
            byte[] k2 = new byte[32];
            new SecureRandom().nextBytes(k1);
            new SecureRandom().nextBytes(k2);
            RoomKeys guessed = new RoomKeys(real.roomId(), k1, k2);
            MemberCard fake = MemberCards.build(IdentityKeyPair.generate(), JoinKeyPair.generate(), guessed, "Mallory");
            long fakeId = 4242;
            byte[] announce = ControlCodec.encode(new ControlMessage.PeerJoined(new PeerInfo(new PeerId(fakeId), fake)));
            call.relay.injectControl(alice.id().value(), announce);
            call.relay.injectControl(bob.id().value(), announce);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    alice.log().participants().containsKey(fakeId) && bob.log().participants().containsKey(fakeId));
            assertThat(alice.log().participants().get(fakeId).status()).isEqualTo(ParticipantStatus.FAILED_VERIFICATION);
            assertThat(alice.log().participants().get(fakeId).failure()).get().asString().contains("proof");
            // a peer that fails verification causes no rotation and gets no key
            assertThat(alice.session().currentKeyId()).isEqualTo(keyBefore);
            CallHarness.speakAndWait(alice, bob);
            assertThat(CallHarness.heard(SPEECH, bob).correlation()).isGreaterThanOrEqualTo(0.9);
            assertThat(call.relay.controlLog()).noneMatch(m -> m instanceof ControlMessage.KeyMessage k
                    && k.sealedKeys().stream().anyMatch(e -> e.recipientId().value() == fakeId));
        }
    }

    @Test
    void replayedKeyRotateIsDroppedAndDuplicatedOrReorderedPacketsArePlayedOnce() throws Exception {
        List<byte[]> keyRotatesToBob = new CopyOnWriteArrayList<>();
        Map<Long, byte[]> heldBack = new ConcurrentHashMap<>();
        long[] bobId = {-1};
        try (CallHarness call = new CallHarness()) {
            call.relay.setMischief(new TestRelay.Mischief() {
                @Override
                public List<byte[]> control(TestRelay.Member to, byte[] payload, ControlMessage message) {
                    if (message instanceof ControlMessage.KeyRotate && to.peerId() == bobId[0]) {
                        keyRotatesToBob.add(payload);
                    }
                    return List.of(payload);
                }

                @Override
                public List<byte[]> datagram(TestRelay.Member to, byte[] datagram) {
                    // every packet twice, and every pair swapped: 2, 1, 4, 3, ...
                    byte[] held = heldBack.remove(to.peerId());
                    if (held == null) {
                        heldBack.put(to.peerId(), datagram);
                        return List.of();
                    }
                    return List.of(datagram, datagram, held, held);
                }
            });
            Party bob = call.join("Bob", null, true);
            bobId[0] = bob.id().value();
            Party alice = call.join("Alice", SPEECH, false);
            call.awaitPresent(1, alice, bob);
            // a third member comes and goes so that Alice rotates (KeyRotate to Bob) twice
            Party carol = call.join("Carol", null, false);
            call.awaitPresent(2, alice, bob);
            carol.session().leave();
            carol.session().ended().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> keyRotatesToBob.size() >= 2);
            long droppedBefore = bob.session().counters().get(CallCounters.Reason.KEY_MESSAGE_DROPPED);
            for (byte[] old : keyRotatesToBob) {
                call.relay.injectControl(bobId[0], old);
            }
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    bob.session().counters().get(CallCounters.Reason.KEY_MESSAGE_DROPPED) >= droppedBefore + keyRotatesToBob.size());

            CallHarness.speakAndWait(alice, bob);
            AudioCompare.Piecewise heard = CallHarness.heard(SPEECH, bob);
            assertThat(heard.correlation()).isGreaterThanOrEqualTo(0.9);
            // every duplicate was refused by the replay window before it reached the jitter buffer
            long replayed = bob.session().counters().get(CallCounters.Reason.DATAGRAM_REPLAYED);
            assertThat(replayed).isGreaterThanOrEqualTo(SPEECH.length / 960 / 2);
            assertThat(bob.session().counters().get(CallCounters.Reason.DATAGRAM_DUPLICATE)).isZero();
            assertThat(bob.session().counters().get(CallCounters.Reason.DATAGRAM_AUTH_FAILED)).isZero();
        }
    }

    static MemberCard withField(MemberCard card, String key, byte[] value) {
        Map<String, CborValue> m = new LinkedHashMap<>(card.map().entries());
        m.put(key, new CborValue.Bytes(value));
        return new MemberCard(new CborValue.MapValue(m));
    }
}
