package dev.parley.relay;

import dev.parley.common.domain.RoomId;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a coalescing window, the datagrams several senders send to one member within the window
 * leave in one QUIC packet: fewer UDP packets than datagrams, every datagram still delivered,
 * byte for byte and in each sender's order.
 */
@TestPropertySource(properties = "parley.relay.egress.coalesce-window=20ms")
class CoalescingTest extends RelayIntegrationTest {

    @Test
    void datagramsToOneMemberShareQuicPackets() throws Exception {
        RoomId room = Messages.randomRoom();
        List<TestClient> senders = List.of(client(), client(), client());
        TestClient listener = client();
        for (TestClient s : senders) {
            s.join(room);
        }
        listener.join(room);
        double packetsBefore = count("parley.relay.udp.packets", "direction", "out");
        double datagramsBefore = count("parley.relay.datagrams", "direction", "out");

        // each sender: one 120-byte datagram every 5 ms, so about twelve reach the listener per window
        int perSender = 100;
        List<List<byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            sent.add(new ArrayList<>());
        }
        // the senders' clocks are staggered, so that without a window their datagrams rarely meet
        // in one read batch of the relay
        List<AtomicLong> ticks = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(senders.size());
        for (int s = 0; s < senders.size(); s++) {
            int sender = s;
            AtomicLong tick = new AtomicLong();
            ticks.add(tick);
            timer.scheduleAtFixedRate(() -> {
                long i = tick.getAndIncrement();
                if (i < perSender) {
                    byte[] d = Messages.media(room, senders.get(sender).peerId, i, 82);
                    sent.get(sender).add(d);
                    senders.get(sender).sendDatagram(d);
                }
            }, 5_000L * sender / senders.size(), 5_000, TimeUnit.MICROSECONDS);
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.stream().allMatch(t -> t.get() >= perSender));
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.datagrams.size() >= 3 * perSender
                && senders.stream().allMatch(s -> s.datagrams.size() >= 2 * perSender));

        assertThat(listener.datagrams).hasSize(3 * perSender);
        for (int s = 0; s < senders.size(); s++) {
            long id = senders.get(s).peerId;
            List<byte[]> fromS = listener.datagrams.stream().filter(d -> Messages.sender(d) == id).toList();
            assertThat(fromS).as("sender %d, in order, byte for byte", s).containsExactlyElementsOf(sent.get(s));
        }
        double datagrams = count("parley.relay.datagrams", "direction", "out") - datagramsBefore;
        double packets = count("parley.relay.udp.packets", "direction", "out") - packetsBefore;
        System.out.printf("coalescing: %.0f datagrams forwarded in %.0f UDP packets (acknowledgements included)%n",
                datagrams, packets);
        assertThat(datagrams).as("each datagram to the three others").isEqualTo(3.0 * 3 * perSender);
        // without the window 750-1,200 packets here: about one per datagram, plus the acknowledgements
        // of the senders' 300 packets; with it about 200 data packets plus those
        assertThat(packets).isLessThan(0.7 * datagrams);
    }

    @Test
    void aRoomOfTwoIsNotHeldBack() {
        RoomId room = Messages.randomRoom();
        TestClient a = client();
        TestClient b = client();
        a.join(room);
        b.join(room);
        // one sender per receiver: nothing to coalesce, so the 20 ms window must not apply
        long[] micros = new long[21];
        for (int i = 0; i < micros.length; i++) {
            int expected = i + 1;
            long start = System.nanoTime();
            a.sendDatagram(Messages.media(room, a.peerId, i, 82));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> b.datagrams.size() >= expected);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("room of two: median one-way time %d us%n", micros[micros.length / 2]);
        assertThat(micros[micros.length / 2]).isLessThan(15_000);
    }
}
