package dev.parley.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.RawQuicClient;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A member whose network stalls costs only itself: its queue drops, the others get everything. */
class SlowReceiverTest extends RelayIntegrationTest {

    @Test
    void aReceiverThatStopsReadingDoesNotReduceDeliveryToTheOthers() throws Exception {
        RoomId room = Messages.randomRoom();
        RawQuicClient stalled = track(new RawQuicClient(server.port(), tls.fingerprint()));
        stalled.send(new ControlMessage.Hello(1, "stalled"));
        stalled.send(new ControlMessage.Auth(""));
        stalled.send(new ControlMessage.JoinRoom(room, Messages.card()));
        assertThat(stalled.next()).isInstanceOf(ControlMessage.PeerList.class);
        TestClient s1 = client();
        TestClient s2 = client();
        TestClient listener = client();
        s1.join(room);
        s2.join(room);
        listener.join(room);
        stalled.stopReading();
        double queueDrops = count("parley.relay.datagrams.dropped", "reason", "queue_delay")
                + count("parley.relay.datagrams.dropped", "reason", "queue_full");

        // two senders, 200 full-size datagrams a second each (video, at the test's rate limit) for
        // 4 s: 1.8 MB towards the stalled member, more than quiche's initial congestion window
        // (1000 packets) lets out without acknowledgements
        int perSender = 800;
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            long i = sent.getAndIncrement();
            if (i < perSender) {
                s1.sendDatagram(Messages.media(room, s1.peerId, i, MediaHeader.MAX_CIPHERTEXT));
                s2.sendDatagram(Messages.media(room, s2.peerId, i, MediaHeader.MAX_CIPHERTEXT));
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() >= perSender);
        } finally {
            timer.shutdownNow();
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.datagrams.size() >= 2 * perSender
                    && s1.datagrams.size() >= perSender && s2.datagrams.size() >= perSender);
        } finally {
            System.out.printf("DIAG listener %d s1 %d s2 %d stalled %d; %s; s1 %s%n", listener.datagrams.size(),
                    s1.datagrams.size(), s2.datagrams.size(), stalled.datagramsReceived.get(), datagramCounters(),
                    s1.connection().stats());
        }
        assertThat(listener.datagrams).hasSize(2 * perSender);
        assertThat(s1.datagrams).hasSize(perSender).allSatisfy(d -> assertThat(Messages.sender(d)).isEqualTo(s2.peerId));
        assertThat(s2.datagrams).hasSize(perSender).allSatisfy(d -> assertThat(Messages.sender(d)).isEqualTo(s1.peerId));
        // the stalled member's share was dropped for it alone
        double dropped = count("parley.relay.datagrams.dropped", "reason", "queue_delay")
                + count("parley.relay.datagrams.dropped", "reason", "queue_full") - queueDrops;
        assertThat(dropped).isGreaterThan(0);
        System.out.printf("stalled receiver: %.0f of %d datagrams dropped for it, %d received before it stalled%n",
                dropped, 2 * perSender, stalled.datagramsReceived.get());
    }
}
