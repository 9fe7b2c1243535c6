package dev.parley.common.call;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import dev.parley.common.testing.call.ArraySource;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.testing.call.MemorySink;
import dev.parley.common.testing.relay.TestRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CallSessionEndToEndTest {
    private TestRelay relay;
    private RoomLink link;

    @BeforeEach
    void startRelay() throws Exception {
        relay = TestRelay.start();
        link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
    }

    @AfterEach
    void stopRelay() throws Exception {
        relay.close();
    }

    private CallSession join(String name, AudioSource source, AudioSink sink, EventLog log) {
        CallConfig config = new CallConfig(link, IdentityKeyPair.generate(), name, "", source, sink,
                CallOptions.defaults(), "test");
        return CallSession.start(config, log);
    }

    @Test
    void threePeopleHearEachOther() {
        short[] speech = Arrays.copyOf(TestAudio.speechA(), 48_000 * 6);
        ArraySource mouth = new ArraySource(speech);
        MemorySink earB = new MemorySink();
        MemorySink earC = new MemorySink();
        EventLog logA = new EventLog();
        EventLog logB = new EventLog();
        EventLog logC = new EventLog();
        CallSession a = join("Alice", mouth, null, logA);
        CallSession b = join("Bob", null, earB, logB);
        CallSession c = join("Carol", null, earC, logC);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    logA.count(ParticipantStatus.PRESENT) == 2 && logB.count(ParticipantStatus.PRESENT) == 2
                            && logC.count(ParticipantStatus.PRESENT) == 2);
            int startB = earB.frames();
            int startC = earC.frames();
            mouth.play();
            a.sourceEnded().join();
            await().atMost(Duration.ofSeconds(3)).until(() -> earB.frames() - startB > speech.length / 960 + 25);
            await().atMost(Duration.ofSeconds(3)).until(() -> earC.frames() - startC > speech.length / 960 + 25);
            for (CallSession listener : new CallSession[] {b, c}) {
                MemorySink ear = listener == b ? earB : earC;
                short[] heard = ear.samples();
                AudioCompare.Piecewise alignment = AudioCompare.alignPiecewise(speech, heard, heard.length - 1, 12_000, 1_920);
                System.out.printf("lag %d ms, correlation %.3f, drift %d ms%n", alignment.globalLag() / 48,
                        alignment.correlation(), alignment.maxDrift() / 48);
                System.out.println("  counters " + listener.counters().snapshot());
                assertThat(alignment.correlation()).isGreaterThanOrEqualTo(0.9);
                System.out.println("  counters " + listener.counters().snapshot());
                assertThat(alignment.correlation()).isGreaterThanOrEqualTo(0.9);
            }
            assertThat(b.counters().snapshot()).doesNotContainKeys(CallCounters.Reason.DATAGRAM_AUTH_FAILED,
                    CallCounters.Reason.DATAGRAM_REPLAYED);
        } finally {
            a.leave();
            b.leave();
            c.leave();
        }
        assertThat(a.ended().join().clean()).isTrue();
    }
}
