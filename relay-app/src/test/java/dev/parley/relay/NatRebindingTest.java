package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.support.Conversation;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import dev.parley.relay.support.UdpProxy;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A client behind a NAT that rebinds mid-call (its source port changes) keeps its QUIC connection
 * on a relay with four event loops: its packets now reach another loop's socket, which hands them
 * by connection id to the loop that owns the connection, and QUIC moves the connection to the new
 * address (NAT rebinding, RFC 9000 section 9.3) without loss.
 */
@TestPropertySource(properties = "parley.relay.quic.event-loops=4")
class NatRebindingTest extends RelayIntegrationTest {
    @Autowired
    private RoomRegistry registry;

    @Test
    void aClientWhoseSourcePortChangesMidCallKeepsItsConnectionAndLosesNothing() throws Exception {
        assumeThat(Epoll.isAvailable()).as("several sockets need epoll").isTrue();
        assertThat(server.eventLoops()).isEqualTo(4);
        RoomId room = Messages.randomRoom();
        UdpProxy nat = track(new UdpProxy(server.port()));
        TestClient a = track(TestClient.connect(nat.port(), tls.fingerprint()));
        a.join(room);
        int owner = registry.room(room).loopOf(a.peerId);

        // a source port whose packets the kernel gives to another loop's socket than the owner's
        DatagramChannel rebound = null;
        int landing = -1;
        for (int i = 0; i < 20 && rebound == null; i++) {
            DatagramChannel candidate = nat.newUpstream();
            int socket = landingSocket(candidate);
            if (socket != owner) {
                rebound = candidate;
                landing = socket;
            }
        }
        assertThat(rebound).as("a port that lands on another socket than %d", owner).isNotNull();

        TestClient b = client();
        b.join(room);
        a.expect(ControlMessage.PeerJoined.class);
        DatagramChannel before = nat.upstream();
        try (Conversation call = new Conversation(a, b, room)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> call.sent() >= 25);
            long readThereBefore = server.packetsReadBySocket()[landing];
            nat.switchTo(rebound);
            // the relay follows the client to its new port within a few packets
            DatagramChannel now = rebound;
            await().atMost(Duration.ofSeconds(5)).until(() -> nat.receivedOn(now) >= 10);
            long toOldPort = nat.receivedOn(before);
            await().atMost(Duration.ofSeconds(10)).until(() -> call.sent() >= 100);
            call.stopAndAssertNoLoss();

            assertThat(nat.receivedOn(before)).as("nothing more sent to the old port").isEqualTo(toOldPort);
            assertThat(server.packetsReadBySocket()[landing] - readThereBefore)
                    .as("the call's packets arrived on socket %d, not the owner's %d", landing, owner)
                    .isGreaterThanOrEqualTo(50);
        }
        assertThat(a.closed).isNotDone();
        assertThat(registry.room(room).loopOf(a.peerId)).as("the connection stays on its loop").isEqualTo(owner);
    }

    /**
     * Sends a few packets from {@code socket} to the relay that no connection owns (a short header
     * with a connection id that names no socket, so they are dropped) and returns the index of
     * the relay's socket that read them: the kernel picks it from the source address and port.
     */
    private int landingSocket(DatagramChannel socket) throws IOException {
        long[] before = server.packetsReadBySocket();
        byte[] junk = new byte[48];
        junk[0] = 0x40;
        junk[1] = (byte) 0xff;
        junk[2] = (byte) 0xff;
        InetSocketAddress relay = new InetSocketAddress("127.0.0.1", server.port());
        for (int i = 0; i < 5; i++) {
            socket.send(ByteBuffer.wrap(junk), relay);
        }
        AtomicInteger found = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            long[] now = server.packetsReadBySocket();
            for (int i = 0; i < now.length; i++) {
                if (now[i] - before[i] >= 5) {
                    found.set(i);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }
}
