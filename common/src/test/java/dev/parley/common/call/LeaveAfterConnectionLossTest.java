package dev.parley.common.call;

import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay drops a talking participant; before the reconnect is due the user leaves. The dropped
 * connection has already ended and shut its event loop down: closing it again must neither throw
 * nor keep the call from ending, and the audio threads must not die on the way.
 */
class LeaveAfterConnectionLossTest {

    /** Event loops of client connections alive now (one per connection, named by RelayConnection). */
    private static Set<Thread> clientEventLoops() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("parley-quic-client") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void leavingWhileWaitingToReconnectEndsTheCallCleanly() throws Exception {
        CallOptions d = CallOptions.defaults();
        // reconnect much later than this test lasts: leave() meets the dropped connection, not a new one
        CallOptions slowReconnect = new CallOptions(d.initialBitrate(), d.minBitrate(), d.maxBitrate(), d.complexity(),
                d.rotationInterval(), d.switchDelay(), d.joinDebounce(), d.keyRetention(), Duration.ofMinutes(1),
                Duration.ofMinutes(1), d.reconnectGiveUp(), d.receiveLossRate());
        try (CallHarness h = new CallHarness()) {
            CallHarness.Party talker = h.join("Talker", TestAudio.speechA(), false, slowReconnect);
            CallHarness.Party listener = h.join("Listener", null, true);
            h.awaitPresent(1, talker, listener);
            talker.mouth().play();
            long talkerId = talker.id().value();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    h.relay.captured().stream().filter(c -> c.fromPeerId() == talkerId).count() > 10);

            Set<Thread> loops = clientEventLoops();
            h.relay.disconnect(talkerId, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> talker.log().events().stream().anyMatch(e ->
                    e instanceof CallEvent.ConnectionChanged c && c.state() == ConnectionState.RECONNECTING));
            // the dropped connection's event loop shuts down once it has ended
            await().atMost(Duration.ofSeconds(10)).until(() -> loops.stream().filter(Thread::isAlive).count() < loops.size());

            talker.session().leave();
            CallEvent.CallEnded ended = talker.session().ended().get(5, TimeUnit.SECONDS);
            assertThat(ended.clean()).isTrue();
            assertThat(talker.log().events()).noneMatch(e -> e instanceof CallEvent.ConnectionChanged c
                    && (c.detail().startsWith("Sending audio failed") || c.detail().startsWith("Playing audio failed")));
        }
    }
}
