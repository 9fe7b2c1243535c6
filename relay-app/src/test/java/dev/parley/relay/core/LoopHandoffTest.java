package dev.parley.relay.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue between two event loops on real threads: order, batching, ownership, the backlog bound. */
class LoopHandoffTest {
    private final EventLoop source = new DefaultEventLoop();
    private final EventLoop destination = new DefaultEventLoop();
    // destination loop only, read after it has drained
    private final List<Integer> received = Collections.synchronizedList(new ArrayList<>());
    private final List<ByteBuf> datagrams = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger drains = new AtomicInteger();
    private final LoopHandoff handoff = new LoopHandoff(source, destination, new LoopHandoff.Receiver() {
        @Override
        public void media(ByteBuf datagram, Session sender, Room room, long nowNanos) {
            assertThat(destination.inEventLoop()).isTrue();
            received.add(datagram.getInt(0));
            datagram.release();
        }

        @Override
        public void drained() {
            drains.incrementAndGet();
        }
    });

    @AfterEach
    void stop() {
        source.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        destination.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private ByteBuf datagram(int n) {
        ByteBuf b = Unpooled.buffer(4).writeInt(n);
        datagrams.add(b);
        return b;
    }

    private void onSource(Runnable r) throws Exception {
        source.submit(r).get(10, TimeUnit.SECONDS);
    }

    @Test
    void mediaAndActionsArriveInTheOrderTheyWereHandedOverAcrossManyChunks() throws Exception {
        int n = 20 * LoopHandoff.CHUNK + 17;
        AtomicInteger publishes = new AtomicInteger();
        onSource(() -> {
            for (int i = 0; i < n; i++) {
                int at = i;
                if (i % 97 == 0) {
                    handoff.action(() -> received.add(at));
                    publishes.incrementAndGet();
                } else {
                    assertThat(handoff.media(datagram(i), null, null)).isTrue();
                }
                if (i % 50 == 49) {
                    handoff.publish();
                    publishes.incrementAndGet();
                }
            }
            handoff.publish();
            publishes.incrementAndGet();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == n);
        assertThat(received).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
        assertThat(datagrams).allSatisfy(d -> assertThat(d.refCnt()).isZero());
        assertThat(drains.get()).as("one drain per published batch at most").isBetween(1, publishes.get());
    }

    @Test
    void aDestinationTooFarBehindLosesNewDatagramsButNoAction() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        destination.execute(() -> {
            try {
                stalled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Boolean> accepted = new ArrayList<>();
        ByteBuf[] refused = new ByteBuf[1];
        onSource(() -> {
            for (int i = 0; i < LoopHandoff.MAX_BACKLOG; i++) {
                accepted.add(handoff.media(datagram(i), null, null));
                if (i % 64 == 63) {
                    handoff.publish();
                }
            }
            refused[0] = datagram(-1);
            accepted.add(handoff.media(refused[0], null, null));
            handoff.action(() -> received.add(-2));
        });
        assertThat(accepted.subList(0, LoopHandoff.MAX_BACKLOG)).containsOnly(true);
        assertThat(accepted.get(LoopHandoff.MAX_BACKLOG)).as("one past the bound").isFalse();
        assertThat(refused[0].refCnt()).as("a refused datagram is released").isZero();

        stalled.countDown();
        // drained() comes after the destination has told the source how far it got
        await().atMost(Duration.ofSeconds(10)).until(() -> drains.get() >= 1);
        assertThat(drains.get()).as("everything waiting was taken in one drain").isEqualTo(1);
        assertThat(received).hasSize(LoopHandoff.MAX_BACKLOG + 1);
        assertThat(received.get(LoopHandoff.MAX_BACKLOG)).as("the action, after everything before it").isEqualTo(-2);
        assertThat(received.subList(0, LoopHandoff.MAX_BACKLOG))
                .containsExactlyElementsOf(IntStream.range(0, LoopHandoff.MAX_BACKLOG).boxed().toList());

        // drained: the source may hand over again
        onSource(() -> {
            assertThat(handoff.media(datagram(7), null, null)).isTrue();
            handoff.publish();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == LoopHandoff.MAX_BACKLOG + 2);
        assertThat(datagrams).allSatisfy(d -> assertThat(d.refCnt()).isZero());
    }
}
