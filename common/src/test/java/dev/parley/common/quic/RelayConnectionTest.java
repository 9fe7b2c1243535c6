package dev.parley.common.quic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RelayConnectionTest {
    @RegisterExtension
    static final PinnedTestServer server = new PinnedTestServer();

    @Test
    void controlFramesAndDatagramsTravelByteForByteAndAreDeliveredOffTheEventLoop() {
        RecordingListener l = new RecordingListener();
        RelayConnection c = server.connect(l);
        try {
            assertThat(c.maxDatagramLength()).isEqualTo(QuicTransport.MAX_MEDIA_DATAGRAM);
            byte[] big = new byte[65536];
            big[0] = 42;
            big[65535] = 43;
            c.sendControl("hello".getBytes(StandardCharsets.UTF_8));
            c.sendControl(big);
            byte[] datagram = new byte[1100];
            datagram[1099] = 7;
            for (int i = 0; i < 20; i++) {
                datagram[0] = (byte) i;
                assertThat(c.sendDatagram(datagram)).isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> l.control.size() == 2 && l.datagrams.size() == 20);
            assertThat(new String(l.control.get(0), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(l.control.get(1)).isEqualTo(big);
            assertThat(l.datagrams).allSatisfy(d -> assertThat(d).hasSize(1100).endsWith(7));
            assertThat(l.threads).allSatisfy(t -> assertThat(t).startsWith("parley-relay-events"));
            assertThat(c.stats().controlReceived()).isEqualTo(2);
            RelayConnection.PathStats path = c.pathStats().orTimeout(5, TimeUnit.SECONDS).join();
            System.out.println("PATHSTATS " + path);
            assertThat(path.sentPackets()).isPositive();
            assertThat(path.congestionWindow()).isPositive();
            assertThat(c.stats().datagramsSent()).isEqualTo(20);
        } finally {
            assertThat(c.close().orTimeout(5, TimeUnit.SECONDS).join().kind()).isEqualTo(CloseReason.Kind.LOCAL);
        }
        assertThat(l.closed.join().kind()).isEqualTo(CloseReason.Kind.LOCAL);
        assertThat(c.isOpen()).isFalse();
        assertThat(c.sendControl(new byte[] {1})).isFalse();
        assertThat(c.sendDatagram(new byte[] {1})).isFalse();
    }

    @Test
    void aDirectExecutorDeliversOnTheEventLoopAndASharedGroupServesManyConnections() throws Exception {
        var group = new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            RelayClientOptions direct = RelayClientOptions.defaults().withEventLoopGroup(group)
                    .withDeliveryExecutor(Runnable::run);
            RecordingListener l1 = new RecordingListener();
            RecordingListener l2 = new RecordingListener();
            RelayConnection c1 = server.connect(l1, direct);
            RelayConnection c2 = server.connect(l2, direct);
            c1.sendDatagram(new byte[] {1});
            c2.sendControl(new byte[] {2});
            await().atMost(Duration.ofSeconds(5)).until(() -> l1.datagrams.size() == 1 && l2.control.size() == 1);
            assertThat(l1.threads).allSatisfy(t -> assertThat(t).doesNotStartWith("parley-relay-events"));
            c1.close().join();
            c2.close().join();
            assertThat(group.isShuttingDown()).as("a shared group is left running").isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void pacedReadsTakeABurstInOneGoAndAcknowledgeItWithOnePacket() {
        RecordingListener l = new RecordingListener();
        RelayConnection c = server.connect(l, RelayClientOptions.defaults().withReadInterval(Duration.ofMillis(300)));
        try {
            c.sendControl("hello".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> l.control.size() == 1);
            long sentBefore = c.pathStats().join().sentPackets();
            c.sendControl("burst:40".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> l.datagrams.size() == 40);
            long sent = c.pathStats().join().sentPackets() - sentBefore;
            // the control frame and one ACK for all 40 (2 measured); read as they arrive, the burst
            // drew an ACK per read, 6 here on loopback, one per datagram when they come spread out
            assertThat(sent).as("QUIC packets sent for the burst").isLessThanOrEqualTo(3);
            assertThat(l.datagrams).allSatisfy(d -> assertThat(d[0]).isEqualTo((byte) 2));
        } finally {
            c.close().join();
        }
    }

    @Test
    void refusesPayloadsTheProtocolDoesNotAllow() {
        RecordingListener l = new RecordingListener();
        RelayConnection c = server.connect(l);
        try {
            assertThatThrownBy(() -> c.sendControl(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c.sendControl(new byte[65537])).isInstanceOf(IllegalArgumentException.class);
            assertThat(c.sendDatagram(new byte[1101])).isFalse();
            assertThat(c.sendDatagram(new byte[0])).isFalse();
            assertThat(c.stats().datagramsRefused()).isEqualTo(2);
        } finally {
            c.close().join();
        }
    }

    @Test
    void aWrongPinFailsTheConnect() {
        TlsMaterial other = TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(1));
        var future = RelayConnection.connect("127.0.0.1", server.port(), Optional.of(other.fingerprint()),
                new RecordingListener());
        assertThatThrownBy(() -> future.orTimeout(10, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void withoutAPinASelfSignedCertificateIsNotTrusted() {
        var future = RelayConnection.connect("localhost", server.port(), Optional.empty(), new RecordingListener());
        assertThatThrownBy(() -> future.orTimeout(10, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void withoutAPinTheChainAndTheHostNameAreVerified() throws Exception {
        TestCertificates ca = new TestCertificates();
        TlsMaterial issued = ca.issue("localhost");
        try (TestQuicServer caServer = new TestQuicServer(issued, Duration.ofSeconds(30))) {
            var trust = QuicTls.client(ca.trust().getTrustManagers()[0], true);
            RecordingListener l = new RecordingListener();
            RelayConnection ok = RelayConnection.connect("localhost", caServer.port(), trust, l,
                    RelayClientOptions.defaults()).orTimeout(10, TimeUnit.SECONDS).join();
            ok.close().join();

            TlsMaterial wrongName = ca.issue("relay.example");
            try (TestQuicServer wrong = new TestQuicServer(wrongName, Duration.ofSeconds(30))) {
                var future = RelayConnection.connect("localhost", wrong.port(), trust, new RecordingListener(),
                        RelayClientOptions.defaults());
                assertThatThrownBy(() -> future.orTimeout(10, TimeUnit.SECONDS).join())
                        .isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            }
        }
    }

    @Test
    void theRelaysCloseCodeAndReasonReachTheListener() {
        RecordingListener l = new RecordingListener();
        RelayConnection c = server.connect(l);
        c.sendControl("close:7".getBytes(StandardCharsets.UTF_8));
        CloseReason reason = l.closed.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.REMOTE);
        assertThat(reason.code()).isEqualTo(7);
        assertThat(reason.message()).isEqualTo("closing with 7");
        assertThat(c.closeFuture().join()).isEqualTo(reason);
    }

    @Test
    void brokenFramingFromTheRelayEndsTheConnection() {
        RecordingListener l = new RecordingListener();
        server.connect(l).sendControl("badframe".getBytes(StandardCharsets.UTF_8));
        CloseReason reason = l.closed.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.ERROR);
        assertThat(reason.message()).contains("length 0");
    }

    @Test
    void keepAlivesHoldAnIdleConnectionOpenAndWithoutThemItTimesOut() throws Exception {
        try (TestQuicServer shortIdle = new TestQuicServer(server.tls, Duration.ofMillis(800))) {
            RelayClientOptions fast = RelayClientOptions.defaults().withKeepAliveInterval(Duration.ofMillis(200));
            RecordingListener kept = new RecordingListener();
            RelayConnection alive = RelayConnection.connect("127.0.0.1", shortIdle.port(),
                    server.pin(), kept, fast).orTimeout(10, TimeUnit.SECONDS).join();

            RelayClientOptions slow = RelayClientOptions.defaults().withKeepAliveInterval(Duration.ofSeconds(60));
            RecordingListener idle = new RecordingListener();
            RelayConnection.connect("127.0.0.1", shortIdle.port(), server.pin(), idle, slow)
                    .orTimeout(10, TimeUnit.SECONDS).join();

            CloseReason reason = idle.closed.orTimeout(5, TimeUnit.SECONDS).join();
            assertThat(reason.kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(alive::isOpen);
            assertThat(alive.stats().keepAlivesSent()).isGreaterThanOrEqualTo(3);
            assertThat(shortIdle.keepAlives.get()).isGreaterThanOrEqualTo(3);
            alive.close().join();
        }
    }

    @Test
    void aRelayThatVanishesIsNoticedWithinTheSilenceTimeoutNotTheIdleTimeout() throws Exception {
        RecordingListener l = new RecordingListener();
        RelayConnection c;
        long vanished;
        try (TestQuicServer doomed = new TestQuicServer(server.tls, Duration.ofSeconds(30))) {
            c = RelayConnection.connect("127.0.0.1", doomed.port(), server.pin(), l, RelayClientOptions.defaults())
                    .orTimeout(10, TimeUnit.SECONDS).join();
            // the server's socket goes away without a word, as when its process is killed
            doomed.vanish();
            vanished = System.nanoTime();
        }
        CloseReason reason = l.closed.orTimeout(10, TimeUnit.SECONDS).join();
        long tookMs = (System.nanoTime() - vanished) / 1_000_000;
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
        assertThat(reason.message()).isEqualTo("nothing heard from the relay for 4 s");
        assertThat(tookMs).as("ms until the loss was noticed").isBetween(3_500L, 6_000L);
        assertThat(c.stats().keepAlivesSent()).as("probes sent while it was silent").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSlowListenerLosesDatagramsButNeverControlAndDoesNotStallTheConnection() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        RecordingListener l = new RecordingListener() {
            @Override
            public void onDatagram(byte[] datagram) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onDatagram(datagram);
            }
        };
        RelayClientOptions small = RelayClientOptions.defaults().withMaxPendingDatagrams(8);
        RelayConnection c = server.connect(l, small);
        try {
            for (int i = 0; i < 50; i++) {
                c.sendDatagram(new byte[] {1, (byte) i});
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> c.stats().datagramsReceived() == 50);
            for (int i = 0; i < 10; i++) {
                c.sendControl(new byte[] {(byte) i});
            }
            gate.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> l.control.size() == 10);
            assertThat(c.stats().datagramsDropped()).isGreaterThan(0);
            assertThat(l.datagrams.size() + c.stats().datagramsDropped()).isEqualTo(50);
        } finally {
            c.close().join();
        }
    }
}
