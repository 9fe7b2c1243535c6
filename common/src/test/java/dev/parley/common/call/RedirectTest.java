package dev.parley.common.call;

import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.testing.relay.TestRelay;
import dev.parley.common.wire.ControlCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * PROTOCOL.md section 10 from the client's side: a relay that answers JoinRoom with Redirect sends
 * the client to the named relay, trusted by the redirect's pin; the client joins there with a fresh
 * join key; relays that keep redirecting fail the join after three hops with a sentence; a relay
 * named by a redirect that does not answer sends the next attempt back to the link's host.
 */
class RedirectTest {

    /** Answers every JoinRoom with a Redirect to {@code target} instead of the PeerList. */
    private static void redirectJoinsTo(TestRelay from, TestRelay target) {
        byte[] pin = HexFormat.of().parseHex(target.fingerprint());
        byte[] redirect = ControlCodec.encode(new ControlMessage.Redirect("127.0.0.1", target.port(), Optional.of(pin)));
        from.setMischief(new TestRelay.Mischief() {
            @Override
            public List<byte[]> control(TestRelay.Member to, byte[] payload, ControlMessage message) {
                return message instanceof ControlMessage.PeerList ? List.of(redirect) : List.of(payload);
            }
        });
    }

    private static CallSession start(RoomLink link, EventLog log) {
        return CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "Alice", "", null, null,
                CallOptions.defaults(), "test"), log);
    }

    @Test
    void aRedirectLeadsToTheRoomsRelayTrustedByItsPin() throws Exception {
        try (TestRelay a = TestRelay.start(); TestRelay b = TestRelay.start()) {
            redirectJoinsTo(a, b);
            RoomLink link = RoomLinks.create("127.0.0.1", a.port(), Optional.of(a.fingerprint()));
            EventLog log = new EventLog();
            CallSession alice = start(link, log);
            try {
                alice.joined().get(10, TimeUnit.SECONDS);
                List<String> details = log.events().stream()
                        .filter(e -> e instanceof CallEvent.ConnectionChanged).map(e -> ((CallEvent.ConnectionChanged) e).detail())
                        .toList();
                assertThat(details).anyMatch(d -> d.equals("The room is on relay 127.0.0.1:" + b.port() + "; joining there"));
                assertThat(details).anyMatch(d -> d.startsWith("In the call on relay 127.0.0.1:" + b.port() + " as peer"));
            } finally {
                alice.leave();
                alice.ended().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void relaysThatKeepRedirectingFailTheJoinAfterThreeHops() throws Exception {
        try (TestRelay a = TestRelay.start(); TestRelay b = TestRelay.start()) {
            redirectJoinsTo(a, b);
            redirectJoinsTo(b, a);
            RoomLink link = RoomLinks.create("127.0.0.1", a.port(), Optional.of(a.fingerprint()));
            CallSession alice = start(link, new EventLog());
            assertThatThrownBy(() -> alice.joined().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CallFailedException.class)
                    .hasMessageContaining("more than 3 redirects");
            CallEvent.CallEnded ended = alice.ended().get(5, TimeUnit.SECONDS);
            assertThat(ended.clean()).isFalse();
        }
    }

    @Test
    void aReconnectRedirectedToARelayThatIsGoneStartsAgainAtTheLinksHost() throws Exception {
        try (TestRelay a = TestRelay.start(); TestRelay b = TestRelay.start()) {
            RoomLink link = RoomLinks.create("127.0.0.1", a.port(), Optional.of(a.fingerprint()));
            EventLog log = new EventLog();
            CallSession alice = start(link, log);
            try {
                alice.joined().get(10, TimeUnit.SECONDS);
                // a directory that still names a relay which has just died: A sends the next join to B, once
                byte[] pin = HexFormat.of().parseHex(b.fingerprint());
                byte[] redirect = ControlCodec.encode(new ControlMessage.Redirect("127.0.0.1", b.port(), Optional.of(pin)));
                AtomicBoolean armed = new AtomicBoolean(true);
                a.setMischief(new TestRelay.Mischief() {
                    @Override
                    public List<byte[]> control(TestRelay.Member to, byte[] payload, ControlMessage message) {
                        return message instanceof ControlMessage.PeerList && armed.getAndSet(false)
                                ? List.of(redirect) : List.of(payload);
                    }
                });
                b.crash();
                a.disconnect(a.members().get(0).peerId(), 0);

                String backOnA = "In the call on relay 127.0.0.1:" + a.port() + " as peer";
                await().atMost(Duration.ofSeconds(30)).until(() -> !armed.get() && details(log).stream()
                        .filter(d -> d.startsWith(backOnA)).count() == 2);
                assertThat(details(log)).contains("The room is on relay 127.0.0.1:" + b.port() + "; joining there");
            } finally {
                alice.leave();
                alice.ended().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> details(EventLog log) {
        return log.events().stream().filter(e -> e instanceof CallEvent.ConnectionChanged)
                .map(e -> ((CallEvent.ConnectionChanged) e).detail()).toList();
    }
}
