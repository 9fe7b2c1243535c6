package dev.parley.bench.load;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.PeerId;
import dev.parley.common.quic.ControlFrameDecoder;
import dev.parley.common.quic.ControlFrameEncoder;
import dev.parley.common.quic.QuicTls;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.quic.TlsMaterial;
import dev.parley.common.wire.ControlCodec;
import dev.parley.common.quic.UdpBatching;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a bare Netty QUIC forwarder with no registry, checks or metrics. It accepts QUIC
 * connections (ALPN parley/1, datagrams on, same codec settings as the relay's), answers a
 * JoinRoom on the control stream with a PeerList of a fresh peer id and no peers (all the load
 * generator needs), groups connections by the room_id of their first datagram, and writes every
 * datagram to the other members of that room, flushing the targets once per read batch.
 *
 * <p>One UDP socket on one epoll event loop: all connections share it, so rooms need no locks.
 *
 * <p>{@code java -cp parley-benchmarks.jar dev.parley.bench.load.BareForwarder --port 4434
 * [--cert relay-cert.pem --key relay-key.pem] [--flush read|loop] [--consolidate] [--batch-io]}; prints
 * {@code PIN <fingerprint>} and {@code READY <port>}.
 */
public final class BareForwarder implements AutoCloseable {
    /** How forwarded datagrams are flushed. */
    enum Flush {
        /** in the sender's channelReadComplete, i.e. once per received QUIC packet batch */
        READ,
        /** in one task per event-loop round, after all reads of that round */
        LOOP
    }

    private final EventLoopGroup group;
    private final Channel udp;
    private final Map<Long, Room> rooms = new HashMap<>();
    private final Flush flush;
    private final boolean sink;
    private LatencyHistogram sinkLatency = new LatencyHistogram();
    private long sinkReceived;
    private long nextPeerId = 1;
    // LOOP flush: targets written since the last flush task; loop-confined
    private final List<QuicChannel> dirty = new ArrayList<>();
    private boolean flushScheduled;

    private BareForwarder(EventLoopGroup group, Channel udp, Flush flush, boolean sink) {
        this.group = group;
        this.udp = udp;
        this.flush = flush;
        this.sink = sink;
    }

    /**
     * Starts listening.
     *
     * @param sink instead of forwarding, record the one-hop latency of every datagram (its embedded
     *             send timestamp must come from this JVM's clock): the loopback baseline
     */
    static BareForwarder start(InetSocketAddress bind, TlsMaterial tls, Flush flush, boolean consolidate,
                               boolean sink) throws Exception {
        return start(bind, tls, flush, consolidate, false, sink);
    }

    /**
     * @param batchIo the relay's socket I/O ({@link UdpBatching}): recvmmsg reads and one sendmmsg
     *                per loop turn, so that the ceiling is measured with the same system calls
     */
    static BareForwarder start(InetSocketAddress bind, TlsMaterial tls, Flush flush, boolean consolidate,
                               boolean batchIo, boolean sink) throws Exception {
        UdpBatching batching = UdpBatching.of(true, batchIo);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bare-forwarder"),
                EpollIoHandler.newFactory());
        BareForwarder[] self = new BareForwarder[1];
        ChannelInitializer<QuicChannel> connection = new ChannelInitializer<>() {
            @Override
            protected void initChannel(QuicChannel ch) {
                ch.pipeline().addLast(self[0].new Member());
            }
        };
        ChannelInitializer<QuicStreamChannel> control = new ChannelInitializer<>() {
            @Override
            protected void initChannel(QuicStreamChannel ch) {
                ch.pipeline().addLast(new ControlFrameDecoder(), ControlFrameEncoder.INSTANCE, self[0].new Control());
            }
        };
        var codec = QuicTransport.Settings.relay().applyTo(new QuicServerCodecBuilder())
                .maxRecvUdpPayloadSize(UdpBatching.MAX_UDP_PAYLOAD)
                .sslContext(QuicTls.server(tls))
                .tokenHandler(QuicTransport.noRetryTokenHandler())
                .handler(connection)
                .streamHandler(control)
                .build();
        Bootstrap bootstrap = batching.configure(new Bootstrap()).group(group)
                .channel(EpollDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        if (batching.batched()) {
                            ch.pipeline().addLast(batching.flushHandler());
                        } else if (consolidate) {
                            // turns the per-connection flushes of one loop round into one flush (sendmmsg)
                            ch.pipeline().addLast(new FlushConsolidationHandler(256, true));
                        }
                        ch.pipeline().addLast(codec);
                    }
                });
        Channel udp;
        try {
            udp = bootstrap.bind(bind).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        self[0] = new BareForwarder(group, udp, flush, sink);
        return self[0];
    }

    int port() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    EventLoop loop() {
        return udp.eventLoop();
    }

    /** Sink mode: {received, histogram copy}; runs on the loop. */
    Object[] sinkSnapshot() throws Exception {
        return loop().submit(() -> new Object[]{sinkReceived, sinkLatency.copy()}).get();
    }

    void resetSink() throws Exception {
        loop().submit(() -> {
            sinkReceived = 0;
            sinkLatency = new LatencyHistogram();
        }).get();
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Room {
        final long id;
        QuicChannel[] members = new QuicChannel[0];

        Room(long id) {
            this.id = id;
        }

        void add(QuicChannel ch) {
            members = Arrays.copyOf(members, members.length + 1);
            members[members.length - 1] = ch;
        }

        void remove(QuicChannel ch) {
            QuicChannel[] m = members;
            for (int i = 0; i < m.length; i++) {
                if (m[i] == ch) {
                    QuicChannel[] n = new QuicChannel[m.length - 1];
                    System.arraycopy(m, 0, n, 0, i);
                    System.arraycopy(m, i + 1, n, i, m.length - i - 1);
                    members = n;
                    return;
                }
            }
        }
    }

    /** One connection: forwards its datagrams to the rest of its room. */
    private final class Member extends ChannelInboundHandlerAdapter {
        private Room room;
        private QuicChannel[] written = new QuicChannel[0];
        private int writtenCount;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                if (sink) {
                    if (buf.readableBytes() >= LoadMember.TIMESTAMP_OFFSET + 8) {
                        sinkReceived++;
                        sinkLatency.recordNanos(System.nanoTime() - buf.getLong(buf.readerIndex() + LoadMember.TIMESTAMP_OFFSET));
                    }
                    return;
                }
                if (room == null) {
                    if (buf.readableBytes() < 11) {
                        return; // a keep-alive before any media
                    }
                    long id = buf.getLong(buf.readerIndex() + 3);
                    room = rooms.computeIfAbsent(id, Room::new);
                    room.add((QuicChannel) ctx.channel());
                }
                QuicChannel self = (QuicChannel) ctx.channel();
                for (QuicChannel target : room.members) {
                    if (target != self) {
                        target.write(buf.retainedDuplicate(), target.voidPromise());
                        markDirty(target);
                    }
                }
            } finally {
                buf.release();
            }
        }

        private void markDirty(QuicChannel target) {
            if (flush == Flush.LOOP) {
                dirty.add(target);
                if (!flushScheduled) {
                    flushScheduled = true;
                    target.eventLoop().execute(BareForwarder.this::flushDirty);
                }
                return;
            }
            if (writtenCount == written.length) {
                written = Arrays.copyOf(written, Math.max(16, written.length * 2));
            }
            written[writtenCount++] = target;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            for (int i = 0; i < writtenCount; i++) {
                written[i].flush();
                written[i] = null;
            }
            writtenCount = 0;
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (room != null) {
                room.remove((QuicChannel) ctx.channel());
                if (room.members.length == 0) {
                    rooms.remove(room.id);
                }
                room = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a bare forwarder ignores connection errors; the connection closes on its own
        }
    }

    private void flushDirty() {
        flushScheduled = false;
        for (int i = 0, n = dirty.size(); i < n; i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }

    /** The control stream: answers JoinRoom with a PeerList, ignores everything else. */
    private final class Control extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof byte[] payload)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (ControlCodec.decode(payload) instanceof Decoded.Ok<ControlMessage> ok
                    && ok.value() instanceof ControlMessage.JoinRoom) {
                ctx.writeAndFlush(ControlCodec.encode(new ControlMessage.PeerList(new PeerId(nextPeerId++), List.of())));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().parent().close();
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, List.of("consolidate", "batch-io"));
        int port = args.integer("port", 4434);
        String bind = args.str("bind", "127.0.0.1");
        TlsMaterial tls = args.has("cert")
                ? TlsMaterial.loadPem(Path.of(args.required("cert")), Path.of(args.required("key")))
                : TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(30));
        Flush flush = Flush.valueOf(args.str("flush", "read").toUpperCase());
        BareForwarder f = start(new InetSocketAddress(bind, port), tls, flush, args.flag("consolidate"),
                args.flag("batch-io"), false);
        Runtime.getRuntime().addShutdownHook(new Thread(f::close));
        System.out.println("PIN " + tls.fingerprint());
        System.out.println("READY " + f.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
