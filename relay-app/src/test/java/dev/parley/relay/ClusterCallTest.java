package dev.parley.relay;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.call.Participant;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import dev.parley.common.testing.call.ArraySource;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.testing.call.MemorySink;
import dev.parley.relay.cluster.ClusterNode;
import dev.parley.relay.support.RedisServer;
import dev.parley.relay.support.RelayCluster;
import dev.parley.relay.support.RelayProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls across a cluster, with the real client engine (PROTOCOL.md section 10): members who arrive at
 * different relays meet at the room's owner and hear each other; a relay that shuts down, or dies
 * without a word, loses its calls for seconds only: the clients come back through the link's host
 * name, which stands for every relay (a hosts file of this JVM's own, given by the surefire execution
 * that runs this class: {@code jdk.net.hosts.file}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterCallTest {
    /** Resolves to the three relays of {@link RelayCluster}, in order. */
    static final String CLUSTER_NAME = "relays.cluster.test";
    /** Resolves to the spare address (a relay in a process of its own), then to relay A. */
    static final String CRASH_NAME = "crash.cluster.test";

    private RedisServer redis;
    private RelayCluster cluster;
    private final List<CallSession> sessions = new ArrayList<>();

    @BeforeAll
    void startCluster() throws Exception {
        assertThat(InetAddress.getAllByName(CLUSTER_NAME)).as("the hosts file of this test execution")
                .extracting(InetAddress::getHostAddress).containsExactlyElementsOf(RelayCluster.HOSTS);
        redis = RedisServer.start();
        cluster = RelayCluster.start(redis);
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
        redis.close();
    }

    @AfterEach
    void leave() throws Exception {
        for (CallSession s : sessions) {
            s.leave();
        }
        for (CallSession s : sessions) {
            s.ended().get(10, TimeUnit.SECONDS);
        }
        sessions.clear();
        cluster.ensureRunning();
    }

    private record Party(String name, CallSession session, EventLog log, ArraySource mouth, MemorySink ear) {
        PeerId id() {
            return session.ownPeerId().orElseThrow();
        }

        /** Whether {@code other}, in its current join, is present for this party. */
        boolean sees(Party other) {
            Optional<PeerId> them = other.session.ownPeerId();
            if (them.isEmpty()) {
                return false;
            }
            Participant p = log.participants().get(them.get().value());
            return p != null && p.status() == ParticipantStatus.PRESENT;
        }

        /** The relay the call is on now, as the engine tells it. */
        String relay() {
            String last = "";
            for (CallEvent e : log.events()) {
                if (e instanceof CallEvent.RelayChanged r) {
                    last = r.relay();
                }
            }
            return last;
        }
    }

    private Party join(RoomLink link, String name, short[] speech) throws Exception {
        ArraySource mouth = speech == null ? null : new ArraySource(speech);
        MemorySink ear = speech == null ? new MemorySink() : null;
        EventLog log = new EventLog();
        CallOptions options = CallOptions.defaults();
        CallSession session = CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), name, "", mouth, ear,
                options, "cluster-test"), log);
        sessions.add(session);
        session.joined().get(15, TimeUnit.SECONDS);
        return new Party(name, session, log, mouth, ear);
    }

    private RoomLink link(String host, RoomLink room) {
        return new RoomLink(host, cluster.port(), room.secret(), Optional.of(cluster.pin()));
    }

    @Test
    void membersArrivingAtDifferentRelaysMeetAtTheOwnerAndHearEachOther() throws Exception {
        RoomLink room = RoomLinks.create(RelayCluster.HOSTS.get(0), cluster.port(), Optional.of(cluster.pin()));
        short[] speech = TestAudio.speechA();
        Party alice = join(link(RelayCluster.HOSTS.get(0), room), "Alice", speech);
        Party bob = join(link(RelayCluster.HOSTS.get(1), room), "Bob", null);
        assertThat(bob.log().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                CallEvent.ConnectionChanged.class, c -> assertThat(c.detail()).startsWith("The room is on relay "
                        + RelayCluster.HOSTS.get(0))));
        assertThat(bob.relay()).startsWith(RelayCluster.HOSTS.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.sees(bob) && bob.sees(alice));

        int before = bob.ear().frames();
        alice.mouth().play();
        alice.session().sourceEnded().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.ear().frames() > before + speech.length / 960 + 25);
        short[] heard = bob.ear().samples();
        AudioCompare.Piecewise p = AudioCompare.alignPiecewise(speech, heard, heard.length - 1, 12_000, 1_920);
        System.out.printf("cluster: Bob, redirected from %s, heard Alice at correlation %.3f%n",
                RelayCluster.HOSTS.get(1), p.correlation());
        assertThat(p.correlation()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aCallSplitWhileRedisWasAwayIsWholeAgainSoonAfterItReturns() throws Exception {
        RoomLink room = RoomLinks.create(RelayCluster.HOSTS.get(0), cluster.port(), Optional.of(cluster.pin()));
        redis.kill();
        boolean redisBack = false;
        try {
            await("A and B without their directory").atMost(Duration.ofSeconds(5)).until(() ->
                    cluster.node(0).status().state() == ClusterNode.State.DOWN
                            && cluster.node(1).status().state() == ClusterNode.State.DOWN);
            Party alice = join(link(RelayCluster.HOSTS.get(0), room), "Alice", null);
            Party bob = join(link(RelayCluster.HOSTS.get(1), room), "Bob", null);
            assertThat(alice.sees(bob) || bob.sees(alice)).as("two halves: each relay placed the room").isFalse();

            long back = System.nanoTime();
            redis.restart();
            redisBack = true;
            await().atMost(Duration.ofSeconds(15)).until(() -> alice.sees(bob) && bob.sees(alice));
            long tookMs = (System.nanoTime() - back) / 1_000_000;
            System.out.printf("cluster: a room split while Redis was away is whole again on %s, %d ms after Redis "
                    + "returned%n", alice.relay(), tookMs);
            assertThat(alice.relay()).isEqualTo(bob.relay());
        } finally {
            if (!redisBack) {
                redis.restart();
            }
        }
    }

    @Test
    void aRelayShuttingDownLosesItsCallsForLessThanThreeSeconds() throws Exception {
        // both come through the name, which lists A first: the room lands on A
        RoomLink room = RoomLinks.create(CLUSTER_NAME, cluster.port(), Optional.of(cluster.pin()));
        String a = RelayCluster.HOSTS.get(0);
        Party alice = join(room, "Alice", null);
        Party bob = join(room, "Bob", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.sees(bob) && bob.sees(alice));
        assertThat(alice.relay()).contains(a);
        assertThat(bob.relay()).contains(a);

        long stopping = System.nanoTime();
        cluster.stop(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> !alice.relay().contains(a) && !bob.relay().contains(a)
                && alice.sees(bob) && bob.sees(alice));
        long tookMs = (System.nanoTime() - stopping) / 1_000_000;
        System.out.printf("cluster: A shut down; both back on %s after %d ms%n", alice.relay(), tookMs);
        assertThat(tookMs).as("ms from A's shutdown to both present again elsewhere").isLessThanOrEqualTo(3_000);
    }

    @Test
    void aRelayThatDiesLosesItsCallsForLessThanFifteenSecondsAndTheyComeBackWithFreshKeys() throws Exception {
        List<String> props = cluster.properties(RelayCluster.SPARE_HOST);
        try (RelayProcess doomed = RelayProcess.start(props)) {
            await("the spare relay registered").atMost(Duration.ofSeconds(30)).until(() ->
                    redis.commands().keys(RelayCluster.relayKey("*")).size() == RelayCluster.HOSTS.size() + 1);
            RoomLink room = RoomLinks.create(CRASH_NAME, cluster.port(), Optional.of(cluster.pin()));
            Party alice = join(room, "Alice", null);
            Party bob = join(room, "Bob", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.sees(bob) && bob.sees(alice));
            assertThat(alice.relay()).contains(RelayCluster.SPARE_HOST);
            PeerId aliceBefore = alice.id();

            long killed = System.nanoTime();
            doomed.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> !alice.relay().contains(RelayCluster.SPARE_HOST)
                    && !bob.relay().contains(RelayCluster.SPARE_HOST) && alice.sees(bob) && bob.sees(alice));
            long tookMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("cluster: the spare relay was killed; both back on %s after %d ms%n", alice.relay(),
                    tookMs);
            assertThat(tookMs).as("ms from the kill to both present again elsewhere").isLessThanOrEqualTo(15_000);
            assertThat(alice.id()).as("a new join: a new peer id, a new join key and fresh sender keys")
                    .isNotEqualTo(aliceBefore);
            assertThat(alice.session().currentKeyId()).isLessThanOrEqualTo(1);
        }
    }
}
