package dev.parley.relay.server;

import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.ControlFrameDecoder;
import dev.parley.common.quic.ControlFrameEncoder;
import dev.parley.common.quic.ControlFrameException;
import dev.parley.common.quic.QuicTls;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.quic.UdpBatching;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.core.ControlHandler;
import dev.parley.relay.core.Forwarder;
import dev.parley.relay.core.Session;
import dev.parley.relay.ops.RelayMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicCodecDispatcher;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import io.netty.handler.codec.quic.QuicPathEvent;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's QUIC listener (PROTOCOL.md section 4): ALPN {@value QuicTransport#ALPN}, datagrams
 * on, each client allowed exactly one bidirectional stream (the control stream).
 *
 * <p>With epoll it runs {@code parley.relay.quic.event-loops} event loops, each with its own UDP
 * socket bound to the same address and port with {@code SO_REUSEPORT}: the kernel spreads clients
 * over the sockets by their address, and Netty's {@link QuicCodecDispatcher} writes the index of
 * the socket that accepted a connection into every connection id the relay issues, so a packet
 * that arrives on another socket (the client's address or port changed) is handed to the loop that
 * owns the connection. A connection, its control stream and its members' state live on that one
 * loop; what crosses loops goes through the {@link Forwarder}. With NIO: one socket, one loop.
 *
 * <p>As a {@link SmartLifecycle} it binds when the application context starts; if the port cannot
 * be bound the application keeps running with health DOWN, naming the cause. On stop every
 * connection gets {@code Error 7} and is closed, within {@code parley.relay.shutdown-grace}.
 */
@Component
public class QuicRelayServer implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(QuicRelayServer.class);
    private static final AttributeKey<Session> SESSION = AttributeKey.valueOf("parley.session");

    /** Listener state for health. */
    public enum State { NEW, LISTENING, FAILED, STOPPED }

    private final RelayProperties properties;
    private final RelayTls tls;
    private final ControlHandler control;
    private final Forwarder forwarder;
    private final RelayMetrics metrics;
    private final AtomicInteger connectionCount = new AtomicInteger();

    private volatile State state = State.NEW;
    private volatile Throwable failure;
    private volatile InetSocketAddress boundAddress;
    private volatile String transport;
    private volatile List<LoopConnections> loops = List.of();
    private volatile List<Channel> sockets = List.of();
    private EventLoopGroup group;

    /** The connections one event loop owns, and its socket's packet count. Confined to that loop. */
    private static final class LoopConnections {
        final EventLoop loop;
        final Set<Session> sessions = new LinkedHashSet<>();
        final Map<SocketAddress, Session> byAddress = new HashMap<>();
        // written by the loop only, read by anyone
        final AtomicLong packetsRead = new AtomicLong();

        LoopConnections(EventLoop loop) {
            this.loop = loop;
        }
    }

    public QuicRelayServer(RelayProperties properties, RelayTls tls, ControlHandler control, Forwarder forwarder,
                           RelayMetrics metrics) {
        this.properties = properties;
        this.tls = tls;
        this.control = control;
        this.forwarder = forwarder;
        this.metrics = metrics;
        metrics.gauge("parley.relay.connections", "Open QUIC connections, joined or not", connectionCount::get);
    }

    @Override
    public synchronized void start() {
        if (state == State.LISTENING) {
            return;
        }
        RelayProperties.Quic q = properties.quic();
        boolean epoll = q.nativeTransport() && Epoll.isAvailable();
        transport = epoll ? "epoll" : "nio";
        int loopCount = epoll ? q.eventLoops() : 1;
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(loopCount, new DefaultThreadFactory("parley-quic", true), io);
        List<LoopConnections> byLoop = new ArrayList<>();
        for (EventExecutor e : group) {
            byLoop.add(new LoopConnections((EventLoop) e));
        }
        loops = List.copyOf(byLoop);
        forwarder.attach(byLoop.stream().map(l -> l.loop).toList(), s -> control.mediaAbuse(s));

        QuicTransport.Settings settings = QuicTransport.Settings.relay()
                .withIdleTimeout(q.idleTimeout())
                .withDatagramQueues(q.datagramReceiveQueue(), q.datagramSendQueue())
                .withInitialCongestionWindowPackets(q.initialCongestionWindowPackets());
        UdpBatching batching = UdpBatching.of(epoll, q.batchIo());
        QuicSslContext ssl = QuicTls.server(tls.material());
        ConnectionInitializer onConnection = new ConnectionInitializer();
        StreamInitializer onStream = new StreamInitializer();
        // one codec per socket; with several, each issues connection ids that name its socket
        CodecFactory codecs = (cidLength, ids) -> {
            QuicServerCodecBuilder b = settings.applyTo(new QuicServerCodecBuilder())
                    .maxRecvUdpPayloadSize(UdpBatching.MAX_UDP_PAYLOAD)
                    .sslContext(ssl)
                    .tokenHandler(QuicTransport.noRetryTokenHandler())
                    .handler(onConnection)
                    .streamHandler(onStream);
            if (ids != null) {
                b.localConnectionIdLength(cidLength).connectionIdAddressGenerator(ids);
            }
            return b.build();
        };
        QuicCodecDispatcher dispatcher = loopCount > 1 ? new QuicCodecDispatcher() {
            @Override
            protected void initChannel(Channel ch, int cidLength, QuicConnectionIdGenerator ids) {
                ch.pipeline().addLast(codecs.codec(cidLength, ids), new PacketTracker(connections(ch.eventLoop())));
            }
        } : null;
        Bootstrap bootstrap = batching.configure(new Bootstrap())
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, (int) q.socketReceiveBuffer().toBytes())
                .option(ChannelOption.SO_SNDBUF, (int) q.socketSendBuffer().toBytes())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ChannelHandler flush = batching.flushHandler();
                        if (flush != null) {
                            ch.pipeline().addLast(flush);
                        }
                        ch.pipeline().addLast(new PacketCounter(connections(ch.eventLoop())));
                        if (dispatcher != null) {
                            ch.pipeline().addLast(dispatcher);
                        } else {
                            ch.pipeline().addLast(codecs.codec(0, null), new PacketTracker(connections(ch.eventLoop())));
                        }
                    }
                });
        if (loopCount > 1) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        InetSocketAddress bind = new InetSocketAddress(properties.bindAddress(), properties.port());
        List<Channel> bound = new ArrayList<>();
        try {
            for (LoopConnections l : byLoop) {
                // the first socket picks the port when 0 is configured; the others share it
                SocketAddress at = bound.isEmpty() ? bind : bound.get(0).localAddress();
                bound.add(bootstrap.clone().group(l.loop).bind(at).sync().channel());
            }
        } catch (Exception e) {
            failure = e;
            state = State.FAILED;
            LOG.error("Cannot listen on UDP {}: {}. The relay runs on with health DOWN.", bind, e.toString());
            bound.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            return;
        }
        sockets = List.copyOf(bound);
        boundAddress = (InetSocketAddress) bound.get(0).localAddress();
        state = State.LISTENING;
        DatagramChannel udp = (DatagramChannel) bound.get(0);
        LOG.info("Relay listening on UDP {} ({}{}, {}, ALPN {}, SO_RCVBUF {} B, SO_SNDBUF {} B, access {})",
                boundAddress, transport, batching.batched() ? " with batched I/O" : "",
                loopCount == 1 ? "one event loop" : loopCount + " event loops with a SO_REUSEPORT socket each",
                QuicTransport.ALPN, udp.config().getReceiveBufferSize(), udp.config().getSendBufferSize(),
                properties.access().mode().name().toLowerCase());
        if (!epoll && q.eventLoops() > 1) {
            LOG.info("Without epoll the relay uses one socket and one event loop (parley.relay.quic.event-loops={} "
                    + "needs epoll)", q.eventLoops());
        }
    }

    /** Builds one socket's QUIC codec: with connection ids of {@code cidLength} from {@code ids}, or the defaults when null. */
    private interface CodecFactory {
        ChannelHandler codec(int cidLength, QuicConnectionIdGenerator ids);
    }

    private LoopConnections connections(EventLoop loop) {
        for (LoopConnections l : loops) {
            if (l.loop == loop) {
                return l;
            }
        }
        throw new IllegalStateException("not one of the relay's event loops: " + loop);
    }

    @Override
    public void stop() {
        stopGracefully().join();
    }

    @Override
    public void stop(Runnable callback) {
        stopGracefully().whenComplete((v, e) -> callback.run());
    }

    private synchronized CompletableFuture<Void> stopGracefully() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (state != State.LISTENING) {
            state = State.STOPPED;
            done.complete(null);
            return done;
        }
        state = State.STOPPED;
        Duration grace = properties.shutdownGrace();
        LOG.info("Relay shutting down: Error 7 to {} connections", connectionCount.get());
        // each connection is told on the loop that owns it
        for (LoopConnections l : loops) {
            l.loop.execute(() -> {
                for (Session s : new ArrayList<>(l.sessions)) {
                    control.shutdown(s);
                }
            });
        }
        long deadline = System.nanoTime() + grace.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
        loops.get(0).loop.execute(() -> awaitClosed(done, deadline));
        // completes on an event loop: release the sockets and the loops from another thread
        List<Channel> open = sockets;
        EventLoopGroup loopGroup = group;
        return done.whenCompleteAsync((v, e) -> {
            open.forEach(c -> c.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
            loopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            LOG.info("Relay stopped");
        });
    }

    private void awaitClosed(CompletableFuture<Void> done, long deadline) {
        if (connectionCount.get() == 0 || System.nanoTime() >= deadline) {
            List<CompletableFuture<Void>> closed = new ArrayList<>();
            for (LoopConnections l : loops) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                closed.add(f);
                l.loop.execute(() -> {
                    for (Session s : new ArrayList<>(l.sessions)) {
                        s.channel().close();
                    }
                    f.complete(null);
                });
            }
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> done.complete(null));
        } else {
            loops.get(0).loop.schedule(() -> awaitClosed(done, deadline), 10, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public boolean isRunning() {
        return state == State.LISTENING;
    }

    @Override
    public int getPhase() {
        // stop before the web server, so health reports the shutdown while members are told
        return SmartLifecycle.DEFAULT_PHASE;
    }

    public State state() {
        return state;
    }

    /** Why the listener failed, when {@link #state()} is FAILED. */
    public Throwable failure() {
        return failure;
    }

    /** The bound address (with the real port when 0 was configured), or null when not listening. */
    public InetSocketAddress address() {
        return boundAddress;
    }

    /** The bound UDP port, or -1. */
    public int port() {
        InetSocketAddress a = boundAddress;
        return a == null ? -1 : a.getPort();
    }

    public String transport() {
        return transport;
    }

    public int connections() {
        return connectionCount.get();
    }

    /** Event loops serving connections (each with its own socket when more than one), 0 when not listening. */
    public int eventLoops() {
        return state == State.LISTENING ? loops.size() : 0;
    }

    /**
     * UDP packets each socket has read since the relay started, by socket (and event loop) index:
     * how the kernel spreads clients over the sockets. Diagnostics and tests.
     */
    public long[] packetsReadBySocket() {
        return loops.stream().mapToLong(l -> l.packetsRead.get()).toArray();
    }

    /** Counts one more connection unless the relay has {@code max-connections}. */
    private boolean reserveConnection() {
        int max = properties.limits().maxConnections();
        while (true) {
            int n = connectionCount.get();
            if (n >= max) {
                return false;
            }
            if (connectionCount.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /**
     * Sends every member of {@code room} here to the relay that hosts it now (Error 7, each on the
     * loop that owns its connection); the others are untouched. Any thread.
     */
    public void moveRoomAway(RoomId room) {
        for (LoopConnections l : loops) {
            l.loop.execute(() -> {
                for (Session s : new ArrayList<>(l.sessions)) {
                    if (s.room() != null && s.room().id().equals(room)) {
                        control.roomMovedAway(s);
                    }
                }
            });
        }
    }

    private static void register(LoopConnections loop, Session session) {
        loop.sessions.add(session);
        loop.byAddress.put(session.address(), session);
    }

    private void unregister(LoopConnections loop, Session session) {
        loop.sessions.remove(session);
        loop.byAddress.remove(session.address(), session);
        connectionCount.decrementAndGet();
    }

    private static void refreshAddress(LoopConnections loop, Session session) {
        SocketAddress old = session.address();
        if (session.refreshAddress()) {
            loop.byAddress.remove(old, session);
            loop.byAddress.put(session.address(), session);
        }
    }

    /** Sets up each new QUIC connection's pipeline. */
    @ChannelHandler.Sharable
    private final class ConnectionInitializer extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().replace(this, "parley-connection", new ConnectionHandler());
        }
    }

    /** One connection: session lifecycle, datagrams in, end-of-batch flush. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private Session session;
        private LoopConnections loop;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            QuicChannel quic = (QuicChannel) ctx.channel();
            if (state != State.LISTENING) {
                metrics.connectionRefused();
                quic.close(true, ErrorCode.SHUTTING_DOWN.code(),
                        Unpooled.copiedBuffer("relay shutting down", StandardCharsets.UTF_8));
                return;
            }
            if (!reserveConnection()) {
                // no control stream yet to carry an Error: the code travels in CONNECTION_CLOSE
                metrics.connectionRefused();
                quic.close(true, ErrorCode.ROOM_FULL.code(), Unpooled.copiedBuffer("relay full", StandardCharsets.UTF_8));
                return;
            }
            metrics.connectionAccepted();
            loop = connections(quic.eventLoop());
            session = control.connected(quic);
            quic.attr(SESSION).set(session);
            register(loop, session);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf datagram) {
                if (session == null) {
                    datagram.release();
                    return;
                }
                refreshAddress(loop, session);
                forwarder.onDatagram(session, datagram);
            } else {
                // a new stream: let the pipeline register it with the stream initializer
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (session != null) {
                forwarder.flush(session);
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicPathEvent && session != null) {
                refreshAddress(loop, session);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session != null) {
                control.onConnectionClosed(session);
                unregister(loop, session);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection {}: {}", session, cause.toString());
        }
    }

    /** The first client-opened bidirectional stream is the control stream; any other is a violation. */
    @ChannelHandler.Sharable
    private final class StreamInitializer extends ChannelInitializer<QuicStreamChannel> {
        @Override
        protected void initChannel(QuicStreamChannel stream) {
            Session session = stream.parent().attr(SESSION).get();
            if (session == null) {
                stream.close();
                return;
            }
            if (session.channel() != stream.parent() || stream.isLocalCreated()
                    || stream.type() != QuicStreamType.BIDIRECTIONAL || session.controlStream() != null) {
                stream.pipeline().addLast(new Discard());
                control.onExtraStream(session);
                stream.close();
                return;
            }
            long backlog = properties.egress().maxControlBacklog().toBytes();
            stream.config().setWriteBufferWaterMark(new WriteBufferWaterMark((int) (backlog / 2), (int) backlog));
            session.attachControlStream(stream);
            stream.pipeline().addLast(new ControlFrameDecoder(), ControlFrameEncoder.INSTANCE,
                    new ControlStreamHandler(session));
        }
    }

    /** Control frames in; broken framing and a closed stream end the session. */
    private final class ControlStreamHandler extends ChannelInboundHandlerAdapter {
        private final Session session;

        ControlStreamHandler(Session session) {
            this.session = session;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof byte[] payload) {
                control.onFrame(session, payload);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof ControlFrameException e) {
                control.onFramingError(session, e.error());
            } else {
                LOG.warn("control stream of {} failed; closing it", session, cause);
                control.onInternalError(session);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            control.onControlStreamClosed(session);
            ctx.fireChannelInactive();
        }
    }

    /** First after the socket: counts the packets it reads, wherever their connection lives. */
    private static final class PacketCounter extends ChannelInboundHandlerAdapter {
        private final AtomicLong count;

        PacketCounter(LoopConnections loop) {
            this.count = loop.packetsRead;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // only this socket's loop writes it: no atomic increment needed
            count.lazySet(count.get() + 1);
            ctx.fireChannelRead(msg);
        }
    }

    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Sees every UDP packet quiche writes on one socket and credits it to the member it goes to, so
     * each member's {@link dev.parley.relay.core.Egress} knows how much quiche still holds for it.
     * A socket's codec writes for the connections its loop owns only.
     */
    private final class PacketTracker extends ChannelDuplexHandler {
        private final LoopConnections loop;

        PacketTracker(LoopConnections loop) {
            this.loop = loop;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof DatagramPacket packet) {
                metrics.udpPacketOut();
                Session s = loop.byAddress.get(packet.recipient());
                if (s != null) {
                    forwarder.emitted(s, packet.content().readableBytes());
                }
            }
            ctx.write(msg, promise);
        }
    }
}
