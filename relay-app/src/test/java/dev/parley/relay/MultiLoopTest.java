package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * One room whose members the kernel spread over the relay's four event loops (each loop its own
 * SO_REUSEPORT socket): media reaches every member byte for byte, concurrent joins and leaves on
 * different loops give every member the same view of the room, and PROTOCOL.md 5.2's ordering
 * holds across loops. Which loop serves a member is read from the relay ({@code Room.loopOf}).
 */
@TestPropertySource(properties = "parley.relay.quic.event-loops=4")
class MultiLoopTest extends RelayIntegrationTest {
    @Autowired
    private RoomRegistry registry;

    @BeforeEach
    void fourLoops() {
        assumeThat(Epoll.isAvailable()).as("several sockets need epoll").isTrue();
        assertThat(server.eventLoops()).isEqualTo(4);
    }

    @Test
    void membersOnDifferentLoopsHearEachOtherByteForByte() {
        RoomId room = Messages.randomRoom();
        List<TestClient> members = joinUntilSeveralLoops(room, 5);
        System.out.printf("room of %d on loops %s%n", members.size(), loops(room, members));
        double outBefore = count("parley.relay.datagrams", "direction", "out");

        int n = 20;
        Map<TestClient, Set<ByteBuffer>> sent = new HashMap<>();
        for (TestClient m : members) {
            Set<ByteBuffer> mine = new HashSet<>();
            for (int i = 0; i < n; i++) {
                byte[] d = Messages.media(room, m.peerId, i, 16 + 40 * members.indexOf(m) + i);
                mine.add(ByteBuffer.wrap(d));
                assertThat(m.sendDatagram(d)).isTrue();
            }
            sent.put(m, mine);
        }
        int others = members.size() - 1;
        await().atMost(Duration.ofSeconds(10)).until(() -> members.stream().allMatch(m -> m.datagrams.size() >= others * n));
        for (TestClient m : members) {
            Set<ByteBuffer> expected = new HashSet<>();
            members.stream().filter(o -> o != m).forEach(o -> expected.addAll(sent.get(o)));
            assertThat(m.datagrams).hasSize(others * n);
            assertThat(m.datagrams.stream().map(ByteBuffer::wrap).collect(Collectors.toSet())).isEqualTo(expected);
        }
        assertThat(count("parley.relay.datagrams", "direction", "out") - outBefore)
                .as("each datagram once to each other member, counted on the receivers' loops")
                .isEqualTo((double) members.size() * others * n);
    }

    @Test
    void concurrentJoinsAndLeavesOnDifferentLoopsGiveEveryMemberTheSameView() throws Exception {
        RoomId room = Messages.randomRoom();
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(client());
        }
        ExecutorService threads = Executors.newFixedThreadPool(members.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<ControlMessage.PeerList>> joins = new ArrayList<>();
            for (TestClient m : members) {
                joins.add(CompletableFuture.supplyAsync(() -> {
                    waitFor(go);
                    return m.join(room);
                }, threads));
            }
            go.countDown();
            joins.forEach(CompletableFuture::join);
        } finally {
            threads.shutdownNow();
        }
        assertThat(loops(room, members)).as("the kernel spread eight clients over several loops").hasSizeGreaterThan(1);
        Set<Long> all = members.stream().map(m -> m.peerId).collect(Collectors.toSet());
        for (TestClient m : members) {
            await().atMost(Duration.ofSeconds(10)).until(() -> known(m).size() >= all.size() - 1);
        }
        for (TestClient m : members) {
            List<Long> seen = known(m);
            assertThat(seen).as("each other member exactly once, from the PeerList or a PeerJoined")
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                            all.stream().filter(id -> id != m.peerId).toList());
        }

        List<TestClient> leaving = members.subList(0, 4);
        List<TestClient> staying = members.subList(4, 8);
        leaving.forEach(m -> m.send(new ControlMessage.Leave()));
        Set<Long> left = leaving.stream().map(m -> m.peerId).collect(Collectors.toSet());
        for (TestClient m : staying) {
            await().atMost(Duration.ofSeconds(10)).until(() -> peerLefts(m).size() >= left.size());
            assertThat(peerLefts(m)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(left);
        }
        assertThat(registry.room(room).size()).isEqualTo(staying.size());
    }

    @Test
    void peerJoinedComesBeforeAndPeerLeftAfterAMembersMediaAcrossLoops() {
        RoomId room = Messages.randomRoom();
        List<TestClient> members = joinUntilSeveralLoops(room, 3);
        TestClient receiver = members.get(0);
        int receiverLoop = registry.room(room).loopOf(receiver.peerId);
        TestClient leaver = members.stream().filter(m -> registry.room(room).loopOf(m.peerId) != receiverLoop)
                .findFirst().orElseThrow();
        int leaverLoop = registry.room(room).loopOf(leaver.peerId);

        // joiners on another loop than the receiver send as soon as they have their PeerList
        int joinersElsewhere = 0;
        for (int attempt = 0; attempt < 8 && joinersElsewhere < 2; attempt++) {
            TestClient joiner = client();
            joiner.join(room);
            for (int i = 0; i < 30; i++) {
                joiner.sendDatagram(Messages.media(room, joiner.peerId, i, 60));
            }
            if (registry.room(room).loopOf(joiner.peerId) != receiverLoop) {
                joinersElsewhere++;
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fromSender(receiver, joiner.peerId) >= 30);
            List<Object> arrivals = snapshot(receiver);
            int joined = indexOf(arrivals, m -> m instanceof ControlMessage.PeerJoined j
                    && j.peer().peerId().value() == joiner.peerId);
            int firstMedia = indexOf(arrivals, m -> m instanceof byte[] d && Messages.sender(d) == joiner.peerId);
            assertThat(joined).as("PeerJoined before the joiner's first datagram").isNotNegative().isLessThan(firstMedia);
        }
        assertThat(joinersElsewhere).as("joiners on another loop than the receiver").isEqualTo(2);

        // the leaver sends a burst and leaves at once: nothing of it may follow its PeerLeft
        for (int i = 0; i < 150; i++) {
            leaver.sendDatagram(Messages.media(room, leaver.peerId, i, 200));
        }
        leaver.send(new ControlMessage.Leave());
        await().atMost(Duration.ofSeconds(10)).until(() -> indexOf(snapshot(receiver),
                m -> m instanceof ControlMessage.PeerLeft l && l.peerId().value() == leaver.peerId) >= 0);
        // a datagram from another member, sent after the PeerLeft arrived, gives stragglers time to show
        TestClient marker = members.stream().filter(m -> m != leaver && m != receiver).findFirst().orElseThrow();
        byte[] last = Messages.media(room, marker.peerId, 9999, 30);
        marker.sendDatagram(last);
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshot(receiver).stream()
                .anyMatch(m -> m instanceof byte[] d && Arrays.equals(d, last)));
        List<Object> arrivals = snapshot(receiver);
        int peerLeft = indexOf(arrivals, m -> m instanceof ControlMessage.PeerLeft l && l.peerId().value() == leaver.peerId);
        int lastFromLeaver = lastIndexOf(arrivals, m -> m instanceof byte[] d && Messages.sender(d) == leaver.peerId);
        System.out.printf("leaver on loop %d, receiver on loop %d: %d of 150 datagrams before its PeerLeft; relay drops "
                        + "so far: %.0f sender_left, %.0f not_joined (reached the relay after the Leave)%n", leaverLoop,
                receiverLoop, fromSender(receiver, leaver.peerId),
                count("parley.relay.datagrams.dropped", "reason", "sender_left"),
                count("parley.relay.datagrams.dropped", "reason", "not_joined"));
        assertThat(lastFromLeaver).as("the leaver's last datagram comes before its PeerLeft").isLessThan(peerLeft);
    }

    /** New clients join {@code room} until there are at least {@code min} and they sit on two loops or more. */
    private List<TestClient> joinUntilSeveralLoops(RoomId room, int min) {
        List<TestClient> members = new ArrayList<>();
        while (members.size() < min || loops(room, members).size() < 2) {
            assertThat(members.size()).as("the kernel spreads clients over the loops").isLessThan(16);
            TestClient c = client();
            c.join(room);
            members.add(c);
        }
        return members;
    }

    private Set<Integer> loops(RoomId room, List<TestClient> members) {
        Set<Integer> loops = new HashSet<>();
        for (TestClient m : members) {
            loops.add(registry.room(room).loopOf(m.peerId));
        }
        return loops;
    }

    /** The peers {@code m} learnt of: its PeerList, then every PeerJoined, in order. */
    private static List<Long> known(TestClient m) {
        List<Long> ids = new ArrayList<>();
        for (Object o : snapshot(m)) {
            if (o instanceof ControlMessage.PeerList list) {
                list.peers().forEach(p -> ids.add(p.peerId().value()));
            } else if (o instanceof ControlMessage.PeerJoined joined) {
                ids.add(joined.peer().peerId().value());
            }
        }
        return ids;
    }

    private static List<Long> peerLefts(TestClient m) {
        return snapshot(m).stream().filter(o -> o instanceof ControlMessage.PeerLeft)
                .map(o -> ((ControlMessage.PeerLeft) o).peerId().value()).toList();
    }

    private static long fromSender(TestClient receiver, long sender) {
        return receiver.datagrams.stream().filter(d -> Messages.sender(d) == sender).count();
    }

    private static List<Object> snapshot(TestClient m) {
        synchronized (m.arrivals) {
            return new ArrayList<>(m.arrivals);
        }
    }

    private static int indexOf(List<Object> arrivals, Predicate<Object> p) {
        for (int i = 0; i < arrivals.size(); i++) {
            if (p.test(arrivals.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<Object> arrivals, Predicate<Object> p) {
        for (int i = arrivals.size() - 1; i >= 0; i--) {
            if (p.test(arrivals.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
