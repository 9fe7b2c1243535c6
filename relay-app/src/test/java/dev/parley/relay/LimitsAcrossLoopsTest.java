package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's limits hold when clients on different event loops race for the last places: ten
 * connections at once for six, six joins at once for a room of three, and a second room where one
 * may exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "parley.relay.port=0",
        "parley.relay.bind-address=127.0.0.1",
        "parley.relay.tls.directory=target/test-tls/${random.uuid}",
        "parley.relay.quic.event-loops=4",
        "parley.relay.limits.max-connections=6",
        "parley.relay.limits.max-members-per-room=3",
        "parley.relay.limits.max-rooms=1"
})
class LimitsAcrossLoopsTest {
    @Autowired
    private QuicRelayServer server;
    @Autowired
    private RelayTls tls;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private RoomRegistry registry;

    private final List<TestClient> clients = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(10);

    @AfterEach
    void close() {
        threads.shutdownNow();
        for (TestClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closed by the relay
            }
        }
    }

    @Test
    void limitsHoldWhenClientsOnEveryLoopRaceForTheLastPlaces() {
        assumeThat(Epoll.isAvailable()).as("several sockets need epoll").isTrue();
        assertThat(server.eventLoops()).isEqualTo(4);
        long[] packetsBefore = server.packetsReadBySocket();
        double accepted = counter("parley.relay.connections.accepted");
        double refused = counter("parley.relay.connections.refused");

        // ten connections at once for six places
        all(10, () -> {
            try {
                clients.add(TestClient.connect(server.port(), tls.fingerprint()));
            } catch (RuntimeException e) {
                // refused before the control stream opened
            }
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                counter("parley.relay.connections.accepted") - accepted + counter("parley.relay.connections.refused")
                        - refused >= 10);
        assertThat(counter("parley.relay.connections.accepted") - accepted).isEqualTo(6);
        assertThat(counter("parley.relay.connections.refused") - refused).isEqualTo(4);
        assertThat(server.connections()).isEqualTo(6);
        long[] packetsAfter = server.packetsReadBySocket();
        assertThat(IntStream.range(0, packetsAfter.length).filter(i -> packetsAfter[i] > packetsBefore[i]).count())
                .as("sockets (loops) the clients reached").isGreaterThan(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> clients.stream().filter(c -> !c.closed.isDone()).count() == 6);
        List<TestClient> in = clients.stream().filter(c -> !c.closed.isDone()).toList();

        // six joins at once for a room of three
        List<ControlMessage> answers = joinAtOnce(in, Messages.randomRoom());
        assertThat(answers.stream().filter(a -> a instanceof ControlMessage.PeerList).count()).isEqualTo(3);
        assertThat(answers.stream().filter(a -> a instanceof ControlMessage.Error e
                && e.code() == ErrorCode.ROOM_FULL.code()).count()).isEqualTo(3);
        assertThat(registry.members()).isEqualTo(3);
        assertThat(registry.rooms()).isEqualTo(1);

        // the refused ones are closed, which frees places; a second room is one too many
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 3);
        TestClient late = TestClient.connect(server.port(), tls.fingerprint());
        clients.add(late);
        late.send(new ControlMessage.Hello(1, "relay-test"));
        late.send(new ControlMessage.Auth(""));
        late.send(new ControlMessage.JoinRoom(Messages.randomRoom(), late.card));
        late.expectErrorAndClose(ErrorCode.ROOM_FULL);
        assertThat(registry.rooms()).isEqualTo(1);
    }

    /** Each of {@code members} sends Hello, Auth and JoinRoom for {@code room} at the same time; their first answers. */
    private List<ControlMessage> joinAtOnce(List<TestClient> members, RoomId room) {
        AtomicInteger next = new AtomicInteger();
        return all(members.size(), () -> {
            TestClient m = members.get(next.getAndIncrement());
            m.send(new ControlMessage.Hello(1, "relay-test"));
            m.send(new ControlMessage.Auth(""));
            m.send(new ControlMessage.JoinRoom(room, m.card));
            try {
                return m.control.poll(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs {@code task} {@code n} times at once and returns the results. */
    private <T> List<T> all(int n, Supplier<T> task) {
        CompletableFuture<Void> go = new CompletableFuture<>();
        List<CompletableFuture<T>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(go.thenApplyAsync(v -> task.get(), threads));
        }
        go.complete(null);
        return runs.stream().map(CompletableFuture::join).toList();
    }

    private double counter(String name) {
        return Optional.ofNullable(meters.find(name).counter()).map(c -> c.count()).orElse(0.0);
    }
}
