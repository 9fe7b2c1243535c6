package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.CloseReason;
import dev.parley.relay.cluster.ClusterNode;
import dev.parley.relay.cluster.RelayEntry;
import dev.parley.relay.support.Conversation;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.RawQuicClient;
import dev.parley.relay.support.RedisServer;
import dev.parley.relay.support.RelayCluster;
import dev.parley.relay.support.RelayProcess;
import dev.parley.relay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three relays sharing one real Redis (PROTOCOL.md section 10): where rooms live, Redirect, the
 * placement rule, a graceful and a sudden end of a relay, and Redis going away and coming back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ClusterTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    /** A token that must never show up in a log (the relay is open: any token is accepted). */
    private static final String TOKEN = "token-that-must-not-be-logged";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RedisServer redis;
    private RelayCluster cluster;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    void startCluster() throws Exception {
        redis = RedisServer.start();
        cluster = RelayCluster.start(redis);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeClientsAndRestoreTheCluster() throws Exception {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already closed by the relay
            }
        }
        opened.clear();
        cluster.ensureRunning();
        await("every relay empty").atMost(Duration.ofSeconds(10))
                .until(() -> cluster.members(A) + cluster.members(B) + cluster.members(C) == 0);
    }

    @Test
    void aRoomLivesWhereItWasFirstJoinedAndAJoinElsewhereIsRedirectedThere(CapturedOutput log) {
        RoomId room = Messages.randomRoom();
        TestClient alice = client(A);
        alice.join(room, TOKEN);
        assertThat(redis.commands().get(RelayCluster.roomKey(room))).isEqualTo(cluster.id(A));
        assertThat(redis.commands().pttl(RelayCluster.roomKey(room))).as("room key TTL, ms")
                .isBetween(1L, RelayCluster.ROOM_TTL.toMillis());

        TestClient bobAtB = client(B);
        double redirectsBefore = counter(B, "parley.relay.cluster.redirects", "reason", "hosted_elsewhere");
        ControlMessage.Redirect redirect = bobAtB.joinExpectingRedirect(room, TOKEN);
        long redirectedAt = System.nanoTime();
        assertThat(redirect.host()).isEqualTo(cluster.host(A));
        assertThat(redirect.port()).isEqualTo(cluster.port());
        assertThat(redirect.pin()).hasValueSatisfying(pin ->
                assertThat(HexFormat.of().formatHex(pin)).isEqualTo(cluster.pin()));
        CloseReason closed = bobAtB.closed.orTimeout(2, TimeUnit.SECONDS).join();
        assertThat(closed.kind()).isEqualTo(CloseReason.Kind.REMOTE);
        assertThat(closed.code()).as("application error code after a Redirect").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - redirectedAt)).isLessThan(Duration.ofMillis(1500));
        assertThat(bobAtB.control).as("nothing after the Redirect").isEmpty();

        // Bob follows the redirect: he is in Alice's room, on A, and they hear each other
        TestClient bob = TestClient.connect(redirect.host(), (int) redirect.port(), cluster.pin());
        opened.add(bob);
        ControlMessage.PeerList list = bob.join(room, TOKEN);
        assertThat(list.peers()).extracting(p -> p.peerId().value()).containsExactly(alice.peerId);
        alice.expect(ControlMessage.PeerJoined.class);
        byte[] hello = Messages.media(room, bob.peerId, 0, 96);
        bob.sendDatagram(hello);
        await().atMost(Duration.ofSeconds(5)).until(() -> alice.datagrams.stream().anyMatch(d -> d.length == hello.length
                && java.util.Arrays.equals(d, hello)));

        assertThat(counter(B, "parley.relay.cluster.redirects", "reason", "hosted_elsewhere"))
                .isEqualTo(redirectsBefore + 1);
        assertThat(log.getOut()).contains("asked for room " + room.value() + ": redirected to relay " + cluster.id(A) + " (")
                .doesNotContain(TOKEN);
    }

    @Test
    void twoRelaysAskedForANewRoomAtOnceAgreeOnOne() throws Exception {
        RoomId room = Messages.randomRoom();
        TestClient atA = client(A);
        TestClient atB = client(B);
        for (TestClient c : List.of(atA, atB)) {
            c.send(new ControlMessage.Hello(1, "relay-test"));
            c.send(new ControlMessage.Auth(""));
        }
        atA.send(new ControlMessage.JoinRoom(room, atA.card));
        atB.send(new ControlMessage.JoinRoom(room, atB.card));
        ControlMessage answerA = atA.control.poll(10, TimeUnit.SECONDS);
        ControlMessage answerB = atB.control.poll(10, TimeUnit.SECONDS);

        // one of them hosts it, the other sends its joiner there
        assertThat(List.of(answerA, answerB)).hasOnlyElementsOfTypes(ControlMessage.PeerList.class,
                ControlMessage.Redirect.class).doesNotHaveDuplicates();
        int host = answerA instanceof ControlMessage.PeerList ? A : B;
        ControlMessage.Redirect redirect = (ControlMessage.Redirect) (host == A ? answerB : answerA);
        assertThat(redirect.host()).isEqualTo(cluster.host(host));
        assertThat(answerA.getClass()).isNotEqualTo(answerB.getClass());
        assertThat(redis.commands().get(RelayCluster.roomKey(room))).isEqualTo(cluster.id(host));
    }

    @Test
    void aClientThatDoesNotKnowRedirectSeesACleanClose() throws Exception {
        RoomId room = Messages.randomRoom();
        client(A).join(room);

        RawQuicClient old = new RawQuicClient(cluster.host(C), cluster.port(), cluster.pin());
        opened.add(old);
        old.send(new ControlMessage.Hello(1, "version-1-client"));
        old.send(new ControlMessage.Auth(""));
        old.send(new ControlMessage.JoinRoom(room, Messages.card()));
        assertThat(old.next()).isInstanceOf(ControlMessage.Redirect.class);
        QuicConnectionCloseEvent close = old.closeEvent.get(2, TimeUnit.SECONDS);
        assertThat(close.isApplicationClose()).isTrue();
        assertThat(close.error()).isZero();
        old.closed.get(2, TimeUnit.SECONDS);
    }

    @Test
    void aRelayAboveItsLoadSendsANewRoomToTheLeastLoadedRelay() {
        // A: 4 members, above place-elsewhere-above=3; C: 1 member; B: none
        RoomId busy = Messages.randomRoom();
        for (int i = 0; i <= RelayCluster.PLACE_ELSEWHERE_ABOVE; i++) {
            client(A).join(busy);
        }
        client(C).join(Messages.randomRoom());
        await("A sees the others' load").atMost(Duration.ofSeconds(5)).until(() -> {
            List<RelayEntry> live = cluster.node(A).liveRelays();
            return live.size() == 3 && load(live, cluster.id(B)) == 0 && load(live, cluster.id(C)) == 1;
        });

        RoomId fresh = Messages.randomRoom();
        double placedBefore = counter(A, "parley.relay.cluster.rooms.placed.elsewhere");
        ControlMessage.Redirect redirect = client(A).joinExpectingRedirect(fresh, "");
        assertThat(redirect.host()).isEqualTo(cluster.host(B));
        assertThat(redis.commands().get(RelayCluster.roomKey(fresh))).as("placed, not claimed by A").isNull();
        assertThat(counter(A, "parley.relay.cluster.rooms.placed.elsewhere")).isEqualTo(placedBefore + 1);

        client(B).join(fresh);
        assertThat(redis.commands().get(RelayCluster.roomKey(fresh))).isEqualTo(cluster.id(B));
        // a room that already lives on A still joins on A, however loaded A is
        client(A).join(busy);
    }

    @Test
    void aRelayThatShutsDownReleasesItsRoomsAtOnce() {
        RoomId room = Messages.randomRoom();
        TestClient member = client(B);
        member.join(room);
        assertThat(redis.commands().get(RelayCluster.roomKey(room))).isEqualTo(cluster.id(B));

        cluster.stop(B);
        member.expectErrorAndClose(ErrorCode.SHUTTING_DOWN);
        assertThat(redis.commands().exists(RelayCluster.roomKey(room))).as("room key").isZero();
        assertThat(redis.commands().exists(RelayCluster.relayKey(cluster.id(B)))).as("registration").isZero();

        // the member reconnects through another address of the link's host: the room is placed there
        client(A).join(room);
        assertThat(redis.commands().get(RelayCluster.roomKey(room))).isEqualTo(cluster.id(A));
    }

    @Test
    void theRoomsOfARelayThatDiesAreFreeAgainWithinTheRoomTtl() throws Exception {
        List<String> settings = cluster.properties(RelayCluster.SPARE_HOST);
        String deadId = RelayCluster.SPARE_HOST + ":" + cluster.port();
        RoomId taken = Messages.randomRoom();
        RoomId abandoned = Messages.randomRoom();
        try (RelayProcess doomed = RelayProcess.start(settings)) {
            await("the relay process registered").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        assertThat(doomed.isAlive()).as(doomed::output).isTrue();
                        return redis.commands().exists(RelayCluster.relayKey(deadId)) == 1;
                    });
            TestClient first = TestClient.connect(RelayCluster.SPARE_HOST, cluster.port(), cluster.pin());
            TestClient second = TestClient.connect(RelayCluster.SPARE_HOST, cluster.port(), cluster.pin());
            opened.add(first);
            opened.add(second);
            first.join(taken);
            second.join(abandoned);
            assertThat(redis.commands().get(RelayCluster.roomKey(taken))).isEqualTo(deadId);

            doomed.kill();
            long killedAt = System.nanoTime();
            assertThat(first.closed).as("no Error 7 from a dead relay").isNotDone();

            // once its registration has expired, a join elsewhere takes its room over
            await("registration expired").atMost(RelayCluster.RELAY_TTL.plusSeconds(2))
                    .until(() -> redis.commands().exists(RelayCluster.relayKey(deadId)) == 0);
            client(A).join(taken);
            assertThat(redis.commands().get(RelayCluster.roomKey(taken))).isEqualTo(cluster.id(A));

            // and a room nobody asks for expires within the room TTL
            await("room key expired").atMost(RelayCluster.ROOM_TTL.plusSeconds(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> redis.commands().exists(RelayCluster.roomKey(abandoned)) == 0);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt))
                    .isLessThanOrEqualTo(RelayCluster.ROOM_TTL.plusMillis(500));
            await("the dead relay left the live list").atMost(Duration.ofSeconds(5))
                    .until(() -> cluster.node(A).liveRelays().stream().noneMatch(r -> r.id().equals(deadId)));
        }
    }

    @Test
    void withoutRedisRoomsGoOnAndNewRoomsArePlacedLocallyAndTheDirectoryIsRebuiltWhenItReturns() throws Exception {
        RoomId existing = Messages.randomRoom();
        TestClient alice = client(A);
        TestClient bob = client(A);
        alice.join(existing);
        bob.join(existing);
        try (Conversation call = new Conversation(alice, bob, existing)) {
            redis.kill();
            await("cluster DOWN, quic UP").atMost(Duration.ofSeconds(5)).until(() -> {
                JsonNode components = cluster.json(A, "/actuator/health").path("components");
                return components.path("cluster").path("status").asString().equals("DOWN")
                        && components.path("quic").path("status").asString().equals("UP");
            });
            HttpResponse<String> health = cluster.get(A, "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(cluster.json(A, "/actuator/health").path("components").path("cluster").path("details")
                    .path("error").asString()).contains("Redis at " + redis.url());

            stillTalking(alice, bob);

            // a new room: placed here, waiting for the dead directory no longer than its timeout
            RoomId during = Messages.randomRoom();
            double errorsBefore = counter(A, "parley.relay.cluster.directory.errors");
            long start = System.nanoTime();
            client(A).join(during);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(RelayCluster.DIRECTORY_TIMEOUT.plusMillis(500));
            assertThat(counter(A, "parley.relay.cluster.directory.errors")).isGreaterThan(errorsBefore);

            // a relay stops and starts while Redis is away: neither waits for it
            long restart = System.nanoTime();
            cluster.stop(C);
            cluster.launch(C);
            assertThat(Duration.ofNanos(System.nanoTime() - restart)).isLessThan(Duration.ofSeconds(10));
            client(C).join(Messages.randomRoom());

            redis.restart();
            await("the directory rebuilt").atMost(Duration.ofSeconds(10)).until(() ->
                    cluster.id(A).equals(redis.commands().get(RelayCluster.roomKey(existing)))
                            && cluster.id(A).equals(redis.commands().get(RelayCluster.roomKey(during)))
                            && redis.commands().exists(RelayCluster.relayKey(cluster.id(A)),
                            RelayCluster.relayKey(cluster.id(B)), RelayCluster.relayKey(cluster.id(C))) == 3);
            await("cluster UP").atMost(Duration.ofSeconds(5)).until(() -> cluster.node(A).status().state()
                    == ClusterNode.State.UP);
            assertThat(cluster.json(A, "/actuator/health").path("components").path("cluster").path("status")
                    .asString()).isEqualTo("UP");
            stillTalking(alice, bob);
        }
        assertThat(alice.closed).isNotDone();
        assertThat(bob.closed).isNotDone();
    }

    @Test
    void aRoomPlacedOnTwoRelaysWhileRedisWasAwayIsJoinedUpAtItsOwnerWhenRedisReturns() throws Exception {
        RoomId room = Messages.randomRoom();
        double movedBefore = counter(A, "parley.relay.cluster.rooms.moved.away")
                + counter(B, "parley.relay.cluster.rooms.moved.away");
        redis.kill();
        boolean redisBack = false;
        try {
            await("A and B without their directory").atMost(Duration.ofSeconds(5)).until(() ->
                    cluster.node(A).status().state() == ClusterNode.State.DOWN
                            && cluster.node(B).status().state() == ClusterNode.State.DOWN);
            // the same room, joined at two relays: each places it locally, two halves of one call
            TestClient alice = client(A);
            assertThat(alice.join(room, TOKEN).peers()).isEmpty();
            TestClient bob = client(B);
            assertThat(bob.join(room, TOKEN).peers()).as("Bob, at B, cannot see Alice, at A").isEmpty();

            redis.restart();
            redisBack = true;
            // the first relay to renew its claim owns the room; the other sends its member there
            await("one half told to go").atMost(Duration.ofSeconds(10)).until(() ->
                    alice.closed.isDone() || bob.closed.isDone());
            String owner = redis.commands().get(RelayCluster.roomKey(room));
            int ownerIndex = owner.equals(cluster.id(A)) ? A : B;
            assertThat(owner).isEqualTo(cluster.id(ownerIndex));
            TestClient stayed = ownerIndex == A ? alice : bob;
            TestClient moved = ownerIndex == A ? bob : alice;
            int movedFrom = ownerIndex == A ? B : A;
            ControlMessage.Error told = moved.expectErrorAndClose(ErrorCode.SHUTTING_DOWN);
            assertThat(told.message()).contains("another relay");
            assertThat(stayed.closed).isNotDone();

            // it joins again through the relay it was on, which sends it to the owner: one call again
            TestClient again = client(movedFrom);
            ControlMessage.Redirect redirect = again.joinExpectingRedirect(room, TOKEN);
            assertThat(redirect.host()).isEqualTo(cluster.host(ownerIndex));
            TestClient rejoined = TestClient.connect(redirect.host(), (int) redirect.port(), cluster.pin());
            opened.add(rejoined);
            assertThat(rejoined.join(room, TOKEN).peers()).extracting(p -> p.peerId().value())
                    .containsExactly(stayed.peerId);
            assertThat(counter(A, "parley.relay.cluster.rooms.moved.away")
                    + counter(B, "parley.relay.cluster.rooms.moved.away")).isEqualTo(movedBefore + 1);
        } finally {
            if (!redisBack) {
                redis.restart();
            }
        }
    }

    /** Both members of a Conversation go on hearing each other (half a second's worth more each). */
    private static void stillTalking(TestClient alice, TestClient bob) {
        int heardByAlice = alice.datagrams.size();
        int heardByBob = bob.datagrams.size();
        await("still talking").atMost(Duration.ofSeconds(5))
                .until(() -> alice.datagrams.size() >= heardByAlice + 25 && bob.datagrams.size() >= heardByBob + 25);
    }

    @Test
    void actuatorListsTheLiveRelaysAndTheClusterMeters() throws Exception {
        client(B).join(Messages.randomRoom());
        await().atMost(Duration.ofSeconds(5)).until(() -> load(cluster.node(A).liveRelays(), cluster.id(B)) == 1);

        JsonNode info = cluster.json(A, "/actuator/info").path("cluster");
        assertThat(info.path("relay").asString()).isEqualTo(cluster.id(A));
        List<String> ids = new ArrayList<>();
        info.path("relays").forEach(r -> {
            ids.add(r.path("id").asString());
            assertThat(r.path("pin").asString()).isEqualTo(cluster.pin());
            if (r.path("id").asString().equals(cluster.id(B))) {
                assertThat(r.path("host").asString()).isEqualTo(cluster.host(B));
                assertThat(r.path("port").asInt()).isEqualTo(cluster.port());
                assertThat(r.path("members").asInt()).isEqualTo(1);
                assertThat(r.path("rooms").asInt()).isEqualTo(1);
            }
        });
        assertThat(ids).containsExactlyInAnyOrder(cluster.id(A), cluster.id(B), cluster.id(C));
        assertThat(info.toString()).doesNotContain("redis://");

        // what B keeps in Redis: its registration, with a TTL, and its id in the set of relays
        JsonNode registration = JSON.readTree(redis.commands().get(RelayCluster.relayKey(cluster.id(B))));
        assertThat(registration.propertyNames()).containsExactlyInAnyOrder("id", "host", "port", "pin", "members",
                "rooms");
        assertThat(registration.path("pin").asString()).isEqualTo(cluster.pin());
        assertThat(redis.commands().pttl(RelayCluster.relayKey(cluster.id(B)))).isBetween(1L,
                RelayCluster.RELAY_TTL.toMillis());
        assertThat(redis.commands().smembers("parley:relays")).contains(cluster.id(A), cluster.id(B), cluster.id(C));

        JsonNode health = cluster.json(B, "/actuator/health").path("components").path("cluster");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("liveRelays").asInt()).isEqualTo(3);
        assertThat(health.path("details").path("roomsHosted").asInt()).isEqualTo(1);

        String prometheus = cluster.get(B, "/actuator/prometheus").body();
        assertThat(prometheus).contains("parley_relay_cluster_rooms_owned 1.0",
                "parley_relay_cluster_redirects_total{reason=\"hosted_elsewhere\"}",
                "parley_relay_cluster_rooms_placed_elsewhere_total", "parley_relay_cluster_relays 3.0");
    }

    private TestClient client(int relay) {
        TestClient c = cluster.client(relay);
        opened.add(c);
        return c;
    }

    private double counter(int relay, String name, String... tags) {
        return cluster.relay(relay).getBean(MeterRegistry.class).find(name).tags(tags).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static int load(List<RelayEntry> live, String id) {
        return live.stream().filter(r -> r.id().equals(id)).mapToInt(RelayEntry::members).findFirst().orElse(-1);
    }
}
