package dev.parley.relay.support;

import dev.parley.common.domain.RoomId;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two members talking, 50 datagrams a second each way (a voice call), for as long as a test
 * runs; {@link #stopAndAssertNoLoss()} then checks that every datagram arrived exactly once.
 */
public final class Conversation implements AutoCloseable {
    private final TestClient a;
    private final TestClient b;
    private final RoomId room;
    private final Set<ByteBuffer> sentByA = ConcurrentHashMap.newKeySet();
    private final Set<ByteBuffer> sentByB = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private long index;

    public Conversation(TestClient a, TestClient b, RoomId room) {
        this.a = a;
        this.b = b;
        this.room = room;
        timer.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long i = index++;
        byte[] fromA = Messages.media(room, a.peerId, i, 16 + 80);
        byte[] fromB = Messages.media(room, b.peerId, i, 16 + 80);
        sentByA.add(ByteBuffer.wrap(fromA));
        sentByB.add(ByteBuffer.wrap(fromB));
        a.sendDatagram(fromA);
        b.sendDatagram(fromB);
    }

    public int sent() {
        return sentByA.size();
    }

    /** Stops talking; every datagram each one sent must reach the other, and nothing else from them. */
    public void stopAndAssertNoLoss() throws InterruptedException {
        timer.shutdown();
        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> from(b, a.peerId).containsAll(sentByA)
                && from(a, b.peerId).containsAll(sentByB));
        assertThat(from(b, a.peerId)).hasSameSizeAs(sentByA);
        assertThat(from(a, b.peerId)).hasSameSizeAs(sentByB);
    }

    private static Set<ByteBuffer> from(TestClient receiver, long sender) {
        Set<ByteBuffer> out = ConcurrentHashMap.newKeySet();
        for (byte[] d : receiver.datagrams) {
            if (Messages.sender(d) == sender) {
                out.add(ByteBuffer.wrap(d));
            }
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
