package dev.parley.client.e2e;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.media.ToneSource;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.testing.call.MemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4: the relay restarts mid-call; both participants are back in the call within 5 s, with
 * fresh keys, and audio flows again.
 */
class ReconnectTest {

    @TempDir
    Path dir;

    @Test
    void aRelayRestartMidCallIsOverWithinFiveSeconds() {
        try (RelayFixture relay = new RelayFixture(dir.resolve("tls"))) {
            RoomLink link = relay.newRoom();
            EventLog logA = new EventLog();
            EventLog logB = new EventLog();
            MemorySink ear = new MemorySink();
            CallSession a = CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "Alice", "",
                    new ToneSource(440, 0.3), null, CallOptions.defaults(), "test"), logA);
            CallSession b = CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "Bob", "",
                    null, ear, CallOptions.defaults(), "test"), logB);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        logA.count(ParticipantStatus.PRESENT) == 1 && logB.count(ParticipantStatus.PRESENT) == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> lastSecondDbfs(ear) > -30);
                long peerBefore = b.ownPeerId().orElseThrow().value();
                int inCallBefore = inCallEvents(logA) + inCallEvents(logB);

                long stoppedAt = System.nanoTime();
                relay.restart();
                long restartedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(5)).until(() -> inCallEvents(logA) + inCallEvents(logB) == inCallBefore + 2
                        && logA.count(ParticipantStatus.PRESENT) == 1 && logB.count(ParticipantStatus.PRESENT) == 1);
                long backAfterMs = (System.nanoTime() - restartedAt) / 1_000_000;
                int framesAtRejoin = ear.frames();
                await().atMost(Duration.ofSeconds(3)).until(() -> ear.frames() > framesAtRejoin && lastDbfs(ear, 4_800) > -30);
                long audioAfterMs = (System.nanoTime() - restartedAt) / 1_000_000;
                System.out.printf("reconnect: relay down for %d ms; after it listened again: back in the call after %d ms,"
                        + " audio again after %d ms%n", (restartedAt - stoppedAt) / 1_000_000, backAfterMs, audioAfterMs);
                assertThat(audioAfterMs).isLessThanOrEqualTo(5_000);
                assertThat(b.ownPeerId().orElseThrow().value()).as("a new join").isNotNull();
                assertThat(logB.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CallEvent.ConnectionChanged.class,
                        c -> assertThat(c.state()).isEqualTo(ConnectionState.RECONNECTING)));
                assertThat(peerBefore).isPositive();
            } finally {
                a.leave();
                b.leave();
            }
            assertThat(a.ended().join().clean()).isTrue();
            assertThat(b.ended().join().clean()).isTrue();
        }
    }

    private static int inCallEvents(EventLog log) {
        return (int) log.events().stream().filter(e -> e instanceof CallEvent.ConnectionChanged c
                && c.state() == ConnectionState.IN_CALL).count();
    }

    private static double lastSecondDbfs(MemorySink ear) {
        return lastDbfs(ear, 48_000);
    }

    private static double lastDbfs(MemorySink ear, int samples) {
        short[] s = ear.samples();
        if (s.length < samples) {
            return -96;
        }
        return AudioCompare.rmsDbfs(s, s.length - samples, samples);
    }
}
