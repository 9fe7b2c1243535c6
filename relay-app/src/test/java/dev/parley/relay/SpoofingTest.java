package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.RawQuicClient;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A member cannot speak for another member or another room, on either channel. */
class SpoofingTest extends RelayIntegrationTest {
    private static final String DROPPED = "parley.relay.datagrams.dropped";

    @Test
    void datagramsWithAnotherSenderOrRoomOrBrokenHeadersAreDroppedAndCounted() throws Exception {
        RoomId room = Messages.randomRoom();
        TestClient a = client();
        TestClient b = client();
        a.join(room);
        b.join(room);
        double wrongSender = count(DROPPED, "reason", "wrong_sender");
        double wrongRoom = count(DROPPED, "reason", "wrong_room");
        double malformed = count(DROPPED, "reason", "malformed");
        double notJoined = count(DROPPED, "reason", "not_joined");

        a.sendDatagram(Messages.media(room, b.peerId, 1, 100));                    // b's sender id
        a.sendDatagram(Messages.media(Messages.randomRoom(), a.peerId, 2, 100));   // another room
        byte[] badMagic = Messages.media(room, a.peerId, 3, 100);
        badMagic[0] = 0;
        a.sendDatagram(badMagic);
        byte[] badLength = Messages.media(room, a.peerId, 4, 100);
        a.sendDatagram(java.util.Arrays.copyOf(badLength, badLength.length - 1)); // ct_len no longer matches
        try (RawQuicClient stranger = track(new RawQuicClient(server.port(), tls.fingerprint()))) {
            stranger.sendDatagram(Messages.media(room, a.peerId, 5, 100));          // never joined
            await().atMost(Duration.ofSeconds(10)).until(() -> count(DROPPED, "reason", "not_joined") > notJoined);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(DROPPED, "reason", "wrong_sender") == wrongSender + 1
                && count(DROPPED, "reason", "wrong_room") == wrongRoom + 1
                && count(DROPPED, "reason", "malformed") == malformed + 2);

        byte[] good = Messages.media(room, a.peerId, 6, 100);
        a.sendDatagram(good);
        await().atMost(Duration.ofSeconds(10)).until(() -> !b.datagrams.isEmpty());
        assertThat(b.datagrams).containsExactly(good);
    }

    @Test
    void controlMessagesWithAForgedSenderOrRoomOrTargetAreNotForwarded() {
        RoomId room = Messages.randomRoom();
        TestClient a = client();
        TestClient b = client();
        a.join(room);
        b.join(room);
        a.expect(ControlMessage.PeerJoined.class);
        double forgedSender = count("parley.relay.control.dropped", "reason", "wrong_sender");
        double forgedRoom = count("parley.relay.control.dropped", "reason", "wrong_room");
        double noTarget = count("parley.relay.control.dropped", "reason", "unknown_target");

        // a pretends to be b, speaks for another room, and asks things of a non-member and itself
        a.send(Messages.keyDistribute(room, b.peerId, List.of(a.peerId)));
        ControlMessage.KeyDistribute otherRoom = Messages.keyDistribute(Messages.randomRoom(), a.peerId, List.of(b.peerId));
        a.send(new ControlMessage.KeyRotate(otherRoom.roomId(), otherRoom.senderId(), new KeyId(1), otherRoom.algo(),
                otherRoom.sealedKeys(), otherRoom.signature()));
        a.send(new ControlMessage.VideoKeyframeRequest(new PeerId(b.peerId), new PeerId(b.peerId), 1));
        a.send(new ControlMessage.VideoKeyframeRequest(new PeerId(a.peerId), new PeerId(12345), 1));
        a.send(new ControlMessage.ReceiverReport(new PeerId(a.peerId), new PeerId(a.peerId), 0, 0, 0));
        // then something genuine: b must see it, and nothing before it
        a.send(Messages.keyDistribute(room, a.peerId, List.of(b.peerId)));
        assertThat(b.expect(ControlMessage.KeyDistribute.class).senderId().value()).isEqualTo(a.peerId);
        assertThat(b.control).isEmpty();
        assertThat(count("parley.relay.control.dropped", "reason", "wrong_sender")).isEqualTo(forgedSender + 2);
        assertThat(count("parley.relay.control.dropped", "reason", "wrong_room")).isEqualTo(forgedRoom + 1);
        assertThat(count("parley.relay.control.dropped", "reason", "unknown_target")).isEqualTo(noTarget + 2);
        assertThat(a.closed).isNotDone();
    }
}
