package dev.parley.common.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * How the relay's UDP socket reads and writes packets.
 *
 * <p>A voice room of ten turns every packet in into nine out, and every packet out brings an
 * acknowledgement back, so the relay's cost per delivered packet is mostly system calls. Batched,
 * it reads up to {@link #READ_BATCH} packets per {@code recvmmsg} call (Netty's epoll transport
 * does that once {@link EpollChannelOption#MAX_DATAGRAM_PAYLOAD_SIZE} is set and the receive
 * buffer holds several packets), and a {@link FlushConsolidationHandler} next to the socket turns
 * the flush each member's QUIC connection issues into one flush per event-loop turn, which the
 * epoll transport writes with a single {@code sendmmsg}. Unbatched, one packet per call each way.
 */
public final class UdpBatching {
    /** Packets read per {@code recvmmsg} call. */
    public static final int READ_BATCH = 16;
    /**
     * The largest UDP payload read (a longer one would be truncated), advertised to clients as
     * QUIC's {@code max_udp_payload_size} so that they never send one.
     */
    public static final int MAX_UDP_PAYLOAD = 2048;
    /** Receive calls per readiness event before other work gets its turn. */
    private static final int READS_PER_EVENT = 16;
    /** Flushes of member connections after which the socket is flushed anyway, mid-turn. */
    private static final int FLUSH_AFTER = 512;

    private final boolean batched;

    private UdpBatching(boolean batched) {
        this.batched = batched;
    }

    /** Batching needs the epoll transport; with NIO or when switched off every call moves one packet. */
    public static UdpBatching of(boolean epoll, boolean enabled) {
        return new UdpBatching(epoll && enabled);
    }

    public boolean batched() {
        return batched;
    }

    /** Sets the socket's receive options on {@code bootstrap}. */
    public Bootstrap configure(Bootstrap bootstrap) {
        if (!batched) {
            return bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_UDP_PAYLOAD).maxMessagesPerRead(READS_PER_EVENT));
        }
        return bootstrap
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_PAYLOAD)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(MAX_UDP_PAYLOAD * READ_BATCH).maxMessagesPerRead(READS_PER_EVENT));
    }

    /** The handler to put first in the socket's pipeline (next to the socket), or null when unbatched. */
    public ChannelHandler flushHandler() {
        // consolidate also outside reads: the forwarder flushes members from channelReadComplete,
        // after the socket's read has ended, and from its retry timer
        return batched ? new FlushConsolidationHandler(FLUSH_AFTER, true) : null;
    }
}
