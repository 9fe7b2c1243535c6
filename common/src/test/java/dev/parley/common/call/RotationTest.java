package dev.parley.common.call;

import dev.parley.common.call.CallHarness.Party;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.crypto.MediaOpenResult;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import dev.parley.common.testing.relay.TestRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sender-key rotation while someone speaks (PROTOCOL.md section 7): a member joins and leaves,
 * the listener hears no gap, and the departed member's keys open nothing sent after it left.
 */
class RotationTest {
    private static final short[] SPEECH = Arrays.copyOf(TestAudio.speechA(), 48_000 * 8);

    @AfterEach
    void removeTap() {
        Membership.keyTap = null;
    }

    @Test
    void aMemberJoinsAndLeavesWithoutAGapAndItsKeysOpenNothingAfterItLeft() throws Exception {
        List<MediaCipher> dKeys = new CopyOnWriteArrayList<>();
        long[] dId = {-1};
        Membership.keyTap = (owner, cipher) -> {
            if (owner != null && owner.value() == dId[0]) {
                dKeys.add(cipher);
            }
        };
        try (CallHarness call = new CallHarness()) {
            Party alice = call.join("Alice", SPEECH, false);
            Party bob = call.join("Bob", null, true);
            Party carol = call.join("Carol", null, false);
            call.awaitPresent(2, alice, bob, carol);
            int start = bob.ear().frames();
            alice.mouth().play();

            await().atMost(Duration.ofSeconds(10)).until(() -> bob.ear().frames() - start > 100);
            long keyBeforeJoin = alice.session().currentKeyId();
            Party dave = call.join("Dave", null, false);
            dId[0] = dave.id().value();
            await().atMost(Duration.ofSeconds(5)).until(() -> dave.log().count(ParticipantStatus.PRESENT) == 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> !dKeys.isEmpty());
            await().atMost(Duration.ofSeconds(2)).until(() -> alice.session().currentKeyId() > keyBeforeJoin);

            await().atMost(Duration.ofSeconds(10)).until(() -> bob.ear().frames() - start > 250);
            // Dave's keys opened Alice's packets while he was there: wait for one, as Alice may be in a
            // pause (DTX, nothing sent) when she switches to the key Dave holds
            long aliceId = alice.id().value();
            await().atMost(Duration.ofSeconds(5)).until(() -> call.relay.captured().stream()
                    .anyMatch(c -> c.fromPeerId() == aliceId && opensWithAny(dKeys, c.datagram())));
            long keyBeforeLeave = alice.session().currentKeyId();
            dave.session().leave();
            dave.session().ended().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> !alice.log().participants().containsKey(dId[0]));
            long leftAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> alice.session().currentKeyId() > keyBeforeLeave);

            alice.session().sourceEnded().join();
            CallHarness.speakAndWait(alice, bob); // returns at once: the source has ended; waits for the tail
            AudioCompare.Piecewise heard = CallHarness.heard(SPEECH, bob);
            int gap = AudioCompare.longestGapMillis(SPEECH, bob.ear().samples(), heard.globalLag());
            System.out.printf("rotation: correlation %.3f, longest gap %d ms, counters %s%n", heard.correlation(),
                    gap, bob.session().counters().snapshot());
            assertThat(heard.correlation()).isGreaterThanOrEqualTo(0.9);
            assertThat(gap).isLessThanOrEqualTo(60);

            // and open none she sent after he left
            long settled = leftAt + CallOptions.defaults().switchDelay().toNanos() + 100_000_000L;
            List<TestRelay.Captured> fromAlice = call.relay.captured().stream()
                    .filter(c -> c.fromPeerId() == aliceId).toList();
            List<TestRelay.Captured> after = fromAlice.stream().filter(c -> c.atNanos() > settled).toList();
            assertThat(after).hasSizeGreaterThan(50);
            assertThat(after).noneMatch(c -> opensWithAny(dKeys, c.datagram()));
        }
    }

    private static boolean opensWithAny(List<MediaCipher> keys, byte[] datagram) {
        for (MediaCipher k : keys) {
            if (k.open(datagram) instanceof MediaOpenResult.Opened) {
                return true;
            }
        }
        return false;
    }
}
