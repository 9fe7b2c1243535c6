package dev.parley.relay.core;

import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.ops.RelayMetrics;
import dev.parley.relay.support.Messages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * When queues drain: at the end of a read batch, when the coalescing window closes, or on the
 * retry timer. The event loop is replaced by one whose timers the test fires by hand, and quiche
 * by channels that record writes and send nothing until told.
 */
class ForwarderTest {
    private static final long WINDOW_MS = 20;
    private static final long RETRY_MS = 5;

    private final RoomId roomId = Messages.randomRoom();
    private final Room room = new Room(roomId);
    private final Map<Long, List<Runnable>> timers = new HashMap<>();
    private final Map<Session, List<ByteBuf>> written = new HashMap<>();
    private Forwarder forwarder;
    private EventLoop loop;

    private void start(String maxQuicBacklog) {
        RelayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "parley.relay.egress.coalesce-window", WINDOW_MS + "ms",
                "parley.relay.egress.retry-interval", RETRY_MS + "ms",
                "parley.relay.egress.max-quic-backlog", maxQuicBacklog)))
                .bindOrCreate("parley.relay", RelayProperties.class);
        forwarder = new Forwarder(properties, new RelayMetrics(new SimpleMeterRegistry()));
        loop = mock(EventLoop.class);
        when(loop.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class))).thenAnswer(inv -> {
            long ms = inv.<TimeUnit>getArgument(2).toMillis(inv.getArgument(1));
            timers.computeIfAbsent(ms, k -> new ArrayList<>()).add(inv.getArgument(0));
            return null;
        });
        forwarder.attach(loop, s -> { });
    }

    /** Runs the timers set for {@code ms} from now; those they set again wait for the next call. */
    private void fire(long ms) {
        List<Runnable> due = timers.remove(ms);
        if (due != null) {
            due.forEach(Runnable::run);
        }
    }

    private Session member(long peerId) {
        QuicChannel quic = mock(QuicChannel.class);
        when(quic.isActive()).thenReturn(true);
        when(quic.voidPromise()).thenReturn(mock(ChannelPromise.class));
        Session s = new Session(quic, forwarder.lane(loop), forwarder.egressConfig(),
                new MediaLimiter(1000, 1_250_000, System.nanoTime()), 100, 0);
        List<ByteBuf> to = new ArrayList<>();
        written.put(s, to);
        doAnswer(inv -> {
            to.add(inv.getArgument(0));
            return null;
        }).when(quic).write(any(), any(ChannelPromise.class));
        s.peerId = peerId;
        s.state = Session.State.JOINED;
        s.room = room;
        room.add(s);
        return s;
    }

    private void send(Session from, int ciphertextBytes) {
        forwarder.onDatagram(from, Unpooled.wrappedBuffer(Messages.media(roomId, from.peerId, 0, ciphertextBytes)));
    }

    @AfterEach
    void release() {
        written.values().forEach(list -> list.forEach(ByteBuf::release));
    }

    @Test
    void aRetryDueBeforeTheCoalescingWindowClosesLeavesTheQueueToTheWindow() {
        start("16KB");
        Session alice = member(1);
        Session bob = member(2);
        Session carol = member(3);
        send(alice, 80);
        forwarder.flush(alice);
        // quiche sent bob a packet (an acknowledgement, say) while his datagram waits for the window
        forwarder.emitted(bob, 50);

        fire(RETRY_MS);
        assertThat(written.get(bob)).as("bob's datagram waits for the window").isEmpty();
        fire(WINDOW_MS);
        assertThat(written.get(bob)).hasSize(1);
        assertThat(written.get(carol)).hasSize(1);
    }

    @Test
    void whatQuicheCouldNotTakeIsRetriedOnTheTimer() {
        start("1100B");
        Session alice = member(1);
        Session bob = member(2);
        // a room of two drains at the end of the read batch, where bob's backlog takes two of three
        for (int i = 0; i < 3; i++) {
            send(alice, 1000);
        }
        forwarder.flush(alice);
        assertThat(written.get(bob)).hasSize(2);

        forwarder.emitted(bob, written.get(bob).stream().mapToInt(ByteBuf::readableBytes).sum());
        fire(RETRY_MS);
        assertThat(written.get(bob)).hasSize(3);
    }
}
