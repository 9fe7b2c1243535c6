package dev.parley.relay;

import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.CloseReason;
import dev.parley.relay.support.Conversation;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.RawQuicClient;
import dev.parley.relay.support.TestClient;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Misbehaving clients each get their Error and are closed, while two members in a call keep
 * talking beside them without losing a datagram. (Test settings: join timeout 1 s, media limit
 * 200 packets/s, sustained abuse after 2 s.)
 */
class AbuseTest extends RelayIntegrationTest {

    @Test
    void eachAbuserGetsItsErrorAndIsClosedWhileACallBesideItLosesNothing() throws Exception {
        RoomId room = Messages.randomRoom();
        TestClient alice = client();
        TestClient bob = client();
        alice.join(room);
        bob.join(room);
        alice.expect(ControlMessage.PeerJoined.class);
        try (Conversation call = new Conversation(alice, bob, room)) {

            // garbage inside a well-formed frame
            RawQuicClient garbage = track(new RawQuicClient(server.port(), tls.fingerprint()));
            garbage.writeRaw(frame("this is not CBOR".getBytes(StandardCharsets.US_ASCII)));
            expectErrorAndClose(garbage, ErrorCode.PROTOCOL_VIOLATION);

            // a 10 MB length prefix: refused as soon as the 4 bytes arrive
            RawQuicClient huge = track(new RawQuicClient(server.port(), tls.fingerprint()));
            huge.writeRaw(ByteBuffer.allocate(4).putInt(10 * 1024 * 1024).array());
            expectErrorAndClose(huge, ErrorCode.PROTOCOL_VIOLATION);

            // messages before Hello, and a call message before PeerList
            TestClient noHello = client();
            noHello.send(new ControlMessage.Auth(""));
            noHello.expectErrorAndClose(ErrorCode.PROTOCOL_VIOLATION);
            TestClient early = client();
            early.send(new ControlMessage.Hello(1, "t"));
            early.send(new ControlMessage.Auth(""));
            early.send(new ControlMessage.Leave());
            early.expectErrorAndClose(ErrorCode.PROTOCOL_VIOLATION);

            // an unsupported protocol version
            TestClient future = client();
            future.send(new ControlMessage.Hello(2, "from the future"));
            future.expectErrorAndClose(ErrorCode.UNSUPPORTED_VERSION);

            // a JoinRoom whose card has a field of the wrong length (raw CBOR: the codec would refuse to encode it)
            TestClient badCard = client();
            badCard.send(new ControlMessage.Hello(1, "t"));
            badCard.send(new ControlMessage.Auth(""));
            badCard.sendRaw(joinWithShortKey(room));
            badCard.expectErrorAndClose(ErrorCode.PROTOCOL_VIOLATION);

            // a client that never joins: Error 6 after the join timeout
            TestClient loiterer = client();
            loiterer.send(new ControlMessage.Hello(1, "t"));
            loiterer.send(new ControlMessage.Auth(""));
            loiterer.expectErrorAndClose(ErrorCode.JOIN_TIMEOUT);
            // ... and one that never even opens its control stream: closed with code 6
            TestClient silent = client();
            CloseReason silentReason = silent.closed.orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(silentReason.kind()).isEqualTo(CloseReason.Kind.REMOTE);
            assertThat(silentReason.code()).isEqualTo(ErrorCode.JOIN_TIMEOUT.code());

            // a control flood: more than 100 messages in one second
            TestClient chatty = client();
            chatty.join(room);
            for (int i = 0; i < 150; i++) {
                chatty.send(new ControlMessage.StatsReport(1, 0, 0, 0, 0));
            }
            chatty.expectErrorAndClose(ErrorCode.RATE_LIMITED);

            // a media flood in the same room: three times the limit until it is thrown out
            TestClient flooder = client();
            flooder.join(room);
            double rateDrops = count("parley.relay.datagrams.dropped", "reason", "rate_limited");
            java.util.concurrent.atomic.AtomicLong index = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.ScheduledExecutorService flood = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor();
            flood.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 30; i++) {
                    flooder.sendDatagram(Messages.media(room, flooder.peerId, index.getAndIncrement(), 200));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            try {
                flooder.expectErrorAndClose(ErrorCode.RATE_LIMITED);
            } finally {
                flood.shutdownNow();
            }
            assertThat(count("parley.relay.datagrams.dropped", "reason", "rate_limited")).isGreaterThan(rateDrops);

            call.stopAndAssertNoLoss();
            assertThat(call.sent()).isGreaterThan(50);
        }
        assertThat(alice.closed).isNotDone();
        assertThat(bob.closed).isNotDone();
    }

    private static void expectErrorAndClose(RawQuicClient client, ErrorCode code) throws Exception {
        ControlMessage m = client.next();
        assertThat(m).isInstanceOf(ControlMessage.Error.class);
        assertThat(((ControlMessage.Error) m).code()).isEqualTo(code.code());
        QuicConnectionCloseEvent close = client.closeEvent.get(2, TimeUnit.SECONDS);
        assertThat(close.isApplicationClose()).isTrue();
        assertThat(close.error()).isEqualTo(code.code());
        client.closed.get(2, TimeUnit.SECONDS);
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    private static byte[] joinWithShortKey(RoomId room) {
        Map<String, CborValue> card = new LinkedHashMap<>(Messages.card().map().entries());
        card.put("ed25519_pub", new CborValue.Bytes(Messages.random(31)));
        Map<String, CborValue> msg = new LinkedHashMap<>();
        msg.put("type", new CborValue.Text("JoinRoom"));
        msg.put("room_id", CborValue.UInt.of(room.value()));
        msg.put("member", new CborValue.MapValue(card));
        return CborWriter.encode(new CborValue.MapValue(msg));
    }
}
