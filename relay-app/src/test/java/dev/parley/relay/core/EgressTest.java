package dev.parley.relay.core;

import dev.parley.relay.ops.RelayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.quic.QuicChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The per-member queue on its own, with quiche replaced by a channel that records writes. */
class EgressTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RelayMetrics metrics = new RelayMetrics(registry);
    private final List<ByteBuf> written = new ArrayList<>();
    private QuicChannel quic;
    private Session member;
    private Session sender;
    private Session other;
    /** Bytes "quiche" emits synchronously on each flush; 0 models a stalled congestion window. */
    private int emitOnFlush = Integer.MAX_VALUE;
    private int pendingFlushBytes;

    @BeforeEach
    void setUp() {
        quic = mock(QuicChannel.class);
        when(quic.isActive()).thenReturn(true);
        when(quic.remoteSocketAddress()).thenReturn(new InetSocketAddress("127.0.0.1", 1));
        when(quic.voidPromise()).thenReturn(mock(ChannelPromise.class));
        doAnswer(inv -> {
            ByteBuf b = inv.getArgument(0);
            written.add(b);
            pendingFlushBytes += b.readableBytes();
            return null;
        }).when(quic).write(any(), any(ChannelPromise.class));
        doAnswer(inv -> {
            int emit = Math.min(emitOnFlush, pendingFlushBytes);
            pendingFlushBytes -= emit;
            member.egress.emitted(emit);
            return quic;
        }).when(quic).flush();
        Egress.Config config = new Egress.Config(100 * MS, 4, 3000, metrics);
        member = new Session(quic, null, config, null, 100, 0);
        sender = new Session(quic, null, config, null, 100, 0);
        other = new Session(quic, null, config, null, 100, 0);
    }

    private double dropped(String reason) {
        return registry.find("parley.relay.datagrams.dropped").tag("reason", reason).counter().count();
    }

    private static ByteBuf datagram(int size) {
        return Unpooled.buffer(size).writeZero(size);
    }

    @Test
    void aHealthyMemberGetsEverythingAtOnce() {
        for (int i = 0; i < 4; i++) {
            member.egress.offer(datagram(1000), sender, 0);
        }
        assertThat(member.egress.drain(0)).isFalse();
        assertThat(written).hasSize(4);
        assertThat(member.egress.inQuiche()).isZero();
    }

    @Test
    void aStalledMemberGetsOnlyTheBacklogAndTheRestAgesOutForItAlone() {
        emitOnFlush = 0;
        for (int i = 0; i < 4; i++) {
            member.egress.offer(datagram(1000), sender, 0);
        }
        assertThat(member.egress.drain(0)).isTrue();
        assertThat(written).as("3000 bytes of backlog allowed").hasSize(3);
        assertThat(member.egress.queued()).isEqualTo(1);
        assertThat(member.egress.drain(100 * MS)).as("not yet older than 100 ms").isTrue();
        assertThat(member.egress.drain(100 * MS + 1)).isFalse();
        assertThat(member.egress.queued()).isZero();
        assertThat(dropped("queue_delay")).isEqualTo(1);

        // quiche sends what it held: the member is drained again
        member.egress.emitted(3000);
        member.egress.offer(datagram(500), sender, 200 * MS);
        emitOnFlush = Integer.MAX_VALUE;
        assertThat(member.egress.drain(200 * MS)).isFalse();
        assertThat(written).hasSize(4);
    }

    @Test
    void aFullQueueDropsItsOldest() {
        emitOnFlush = 0;
        ByteBuf first = datagram(10);
        member.egress.offer(first, sender, 0);
        for (int i = 0; i < 4; i++) {
            member.egress.offer(datagram(10), sender, 1);
        }
        assertThat(first.refCnt()).isZero();
        assertThat(member.egress.queued()).isEqualTo(4);
        assertThat(dropped("queue_full")).isEqualTo(1);
    }

    @Test
    void theQueueGrowsUpToItsLimitKeepingOrder() {
        Egress.Config config = new Egress.Config(100 * MS, 40, 1_000_000, metrics);
        Session big = new Session(quic, null, config, null, 100, 0);
        member = big;
        emitOnFlush = 0;
        List<ByteBuf> offered = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ByteBuf d = datagram(1 + i);
            offered.add(d);
            big.egress.offer(d, sender, i);
        }
        assertThat(big.egress.queued()).isEqualTo(40);
        assertThat(dropped("queue_full")).isEqualTo(5);
        emitOnFlush = Integer.MAX_VALUE;
        big.egress.drain(50);
        assertThat(written).containsExactlyElementsOf(offered.subList(5, 45));
    }

    @Test
    void aLeaversDatagramsArePurgedAndTheOthersKeepTheirOrder() {
        emitOnFlush = 0;
        ByteBuf a = datagram(1);
        ByteBuf b = datagram(2);
        ByteBuf c = datagram(3);
        member.egress.offer(a, sender, 0);
        member.egress.offer(b, other, 0);
        member.egress.offer(c, sender, 0);
        member.egress.purgeFrom(sender);
        assertThat(a.refCnt()).isZero();
        assertThat(c.refCnt()).isZero();
        assertThat(member.egress.queued()).isEqualTo(1);
        assertThat(dropped("sender_left")).isEqualTo(2);
        emitOnFlush = Integer.MAX_VALUE;
        member.egress.drain(0);
        assertThat(written).containsExactly(b);
    }

    @Test
    void aClosedMembersQueueIsReleased() {
        ByteBuf a = datagram(1);
        member.egress.offer(a, sender, 0);
        when(quic.isActive()).thenReturn(false);
        assertThat(member.egress.drain(0)).isFalse();
        assertThat(a.refCnt()).isZero();
        assertThat(written).isEmpty();
        assertThat(dropped("receiver_gone")).isEqualTo(1);
    }
}
