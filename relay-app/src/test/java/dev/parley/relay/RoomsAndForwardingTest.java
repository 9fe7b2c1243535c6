package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.CloseReason;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PROTOCOL.md 5.2 and 6, relay side, with three members, a fourth in another room. */
class RoomsAndForwardingTest extends RelayIntegrationTest {

    @Test
    void membersSeePeerListJoinedAndLeftInJoinOrder() {
        RoomId room = Messages.randomRoom();
        TestClient a = client();
        TestClient b = client();
        TestClient c = client();

        assertThat(a.join(room).peers()).isEmpty();
        b.card = Messages.cardWithExtraKey();
        ControlMessage.PeerList bList = b.join(room);
        assertThat(bList.peers()).containsExactly(new PeerInfo(new PeerId(a.peerId), a.card));
        PeerInfo bInfo = a.expect(ControlMessage.PeerJoined.class).peer();
        assertThat(bInfo.peerId().value()).isEqualTo(b.peerId);
        assertThat(bInfo.card()).as("the card is handed on unchanged, unknown keys included").isEqualTo(b.card);

        ControlMessage.PeerList cList = c.join(room);
        assertThat(cList.peers()).extracting(p -> p.peerId().value()).containsExactly(a.peerId, b.peerId);
        assertThat(cList.peers().get(1).card()).isEqualTo(b.card);
        assertThat(a.expect(ControlMessage.PeerJoined.class).peer().peerId().value()).isEqualTo(c.peerId);
        assertThat(b.expect(ControlMessage.PeerJoined.class).peer().peerId().value()).isEqualTo(c.peerId);
        assertThat(Set.of(a.peerId, b.peerId, c.peerId)).hasSize(3).allSatisfy(id -> assertThat(id).isPositive());

        // c drops without a word: the others hear PeerLeft
        c.close();
        assertThat(a.expect(ControlMessage.PeerLeft.class).peerId().value()).isEqualTo(c.peerId);
        assertThat(b.expect(ControlMessage.PeerLeft.class).peerId().value()).isEqualTo(c.peerId);

        // b says Leave: the relay closes it and tells a
        b.send(new ControlMessage.Leave());
        CloseReason reason = b.closed.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.REMOTE);
        assertThat(reason.code()).isZero();
        assertThat(a.expect(ControlMessage.PeerLeft.class).peerId().value()).isEqualTo(b.peerId);
    }

    @Test
    void mediaFromEachMemberReachesExactlyTheOtherTwoByteForByte() {
        RoomId room = Messages.randomRoom();
        RoomId otherRoom = Messages.randomRoom();
        TestClient a = client();
        TestClient b = client();
        TestClient c = client();
        TestClient outsider = client();
        a.join(room);
        b.join(room);
        c.join(room);
        outsider.join(otherRoom);
        double outBefore = count("parley.relay.datagrams", "direction", "out");

        int n = 30;
        List<TestClient> members = List.of(a, b, c);
        java.util.Map<TestClient, Set<ByteBuffer>> sent = new java.util.HashMap<>();
        for (TestClient m : members) {
            Set<ByteBuffer> mine = new HashSet<>();
            for (int i = 0; i < n; i++) {
                byte[] d = Messages.media(room, m.peerId, i, 16 + 100 + i);
                mine.add(ByteBuffer.wrap(d));
                assertThat(m.sendDatagram(d)).isTrue();
            }
            sent.put(m, mine);
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> members.stream().allMatch(m -> m.datagrams.size() >= 2 * n));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println("DIAG received " + members.stream().map(m -> m.datagrams.size()).toList()
                    + " sent " + members.stream().map(m -> m.connection().stats()).toList());
            meters.find("parley.relay.datagrams.dropped").counters().forEach(k -> System.err.println("DIAG " + k.getId().getTag("reason") + " " + k.count()));
            System.err.println("DIAG in " + count("parley.relay.datagrams", "direction", "in") + " out " + count("parley.relay.datagrams", "direction", "out") + " keepalive " + count("parley.relay.keepalives"));
            throw e;
        }
        for (TestClient m : members) {
            Set<ByteBuffer> expected = new HashSet<>();
            members.stream().filter(o -> o != m).forEach(o -> expected.addAll(sent.get(o)));
            Set<ByteBuffer> received = m.datagrams.stream().map(ByteBuffer::wrap).collect(Collectors.toSet());
            assertThat(m.datagrams).hasSize(2 * n);
            assertThat(received).isEqualTo(expected);
        }
        // exactly 3 x 2 x n copies left the relay, so none went to the outsider
        assertThat(count("parley.relay.datagrams", "direction", "out") - outBefore).isEqualTo(6.0 * n);
        assertThat(outsider.datagrams).isEmpty();
    }

    @Test
    void keyMessagesGoToTheRoomByteForByteAndTargetedMessagesOnlyToTheirTarget() {
        RoomId room = Messages.randomRoom();
        TestClient a = client();
        TestClient b = client();
        TestClient c = client();
        a.join(room);
        b.join(room);
        a.expect(ControlMessage.PeerJoined.class);
        c.join(room);
        a.expect(ControlMessage.PeerJoined.class);
        b.expect(ControlMessage.PeerJoined.class);

        byte[] keys = Messages.withUnknownKey(Messages.keyDistribute(room, a.peerId, List.of(b.peerId, c.peerId)));
        double keyForwards = count("parley.relay.key.messages.forwarded", "type", "KeyDistribute");
        a.sendRaw(keys);
        assertThat(b.expect(ControlMessage.KeyDistribute.class).senderId().value()).isEqualTo(a.peerId);
        assertThat(c.expect(ControlMessage.KeyDistribute.class).senderId().value()).isEqualTo(a.peerId);
        assertThat(b.rawControl.get(b.rawControl.size() - 1)).isEqualTo(keys);
        assertThat(c.rawControl.get(c.rawControl.size() - 1)).isEqualTo(keys);
        // counted on the relay's event loop: it may trail the delivery by a moment
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                count("parley.relay.key.messages.forwarded", "type", "KeyDistribute") - keyForwards).isEqualTo(1.0));

        long rtts = meters.find("parley.relay.client.rtt").summary().count();
        b.send(new ControlMessage.StatsReport(42, 0.01, 3.5, 64000, 128000));
        b.send(new ControlMessage.VideoKeyframeRequest(new PeerId(b.peerId), new PeerId(c.peerId), 77));
        ControlMessage.VideoKeyframeRequest kf = c.expect(ControlMessage.VideoKeyframeRequest.class);
        assertThat(kf.ssrc()).isEqualTo(77);
        c.send(new ControlMessage.ReceiverReport(new PeerId(c.peerId), new PeerId(a.peerId), 0.25, 4.0, 60));
        ControlMessage.ReceiverReport rr = a.expect(ControlMessage.ReceiverReport.class);
        assertThat(rr.lossFraction()).isEqualTo(0.25);

        // a marker every member must receive, sent after everything above: whatever reached a
        // member before its marker is all it got
        c.send(Messages.keyDistribute(room, c.peerId, List.of(a.peerId, b.peerId)));
        b.send(Messages.keyDistribute(room, b.peerId, List.of(a.peerId, c.peerId)));
        assertThat(Set.of(a.expect(ControlMessage.KeyDistribute.class).senderId().value(),
                a.expect(ControlMessage.KeyDistribute.class).senderId().value())).containsExactlyInAnyOrder(b.peerId, c.peerId);
        assertThat(b.expect(ControlMessage.KeyDistribute.class).senderId().value()).isEqualTo(c.peerId);
        assertThat(c.expect(ControlMessage.KeyDistribute.class).senderId().value()).isEqualTo(b.peerId);
        assertThat(a.control).isEmpty();
        assertThat(b.control).isEmpty();
        assertThat(c.control).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(meters.find("parley.relay.client.rtt").summary().count()).isEqualTo(rtts + 1));
    }
}
