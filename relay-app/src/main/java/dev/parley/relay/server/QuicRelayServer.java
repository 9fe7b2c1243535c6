package dev.parley.relay.server;

import dev.parley.common.domain.ErrorCode;
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
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicPathEvent;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's QUIC listener (PROTOCOL.md section 4): one UDP socket, ALPN {@value
 * QuicTransport#ALPN}, datagrams on, each client allowed exactly one bidirectional stream (the
 * control stream). All connections share the socket's single event loop, so the rooms, the
 * forwarder and the control handler run there without locks.
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
    // event-loop confined
    private final Set<Session> sessions = new LinkedHashSet<>();
    private final Map<SocketAddress, Session> byAddress = new HashMap<>();

    private volatile State state = State.NEW;
    private volatile Throwable failure;
    private volatile InetSocketAddress boundAddress;
    private volatile String transport;
    private EventLoopGroup group;
    private EventLoop loop;
    private Channel channel;

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
        boolean epoll = properties.quic().nativeTransport() && Epoll.isAvailable();
        transport = epoll ? "epoll" : "nio";
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("parley-quic", true), io);
        loop = group.next();
        forwarder.attach(loop, s -> control.mediaAbuse(s));

        RelayProperties.Quic q = properties.quic();
        QuicTransport.Settings settings = QuicTransport.Settings.relay()
                .withIdleTimeout(q.idleTimeout())
                .withDatagramQueues(q.datagramReceiveQueue(), q.datagramSendQueue())
                .withInitialCongestionWindowPackets(q.initialCongestionWindowPackets());
        UdpBatching batching = UdpBatching.of(epoll, q.batchIo());
        ChannelHandler codec = settings.applyTo(new QuicServerCodecBuilder())
                .maxRecvUdpPayloadSize(UdpBatching.MAX_UDP_PAYLOAD)
                .sslContext(QuicTls.server(tls.material()))
                .tokenHandler(QuicTransport.noRetryTokenHandler())
                .handler(new ConnectionInitializer())
                .streamHandler(new StreamInitializer())
                .build();
        InetSocketAddress bind = new InetSocketAddress(properties.bindAddress(), properties.port());
        try {
            channel = batching.configure(new Bootstrap()).group(loop)
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
                            ch.pipeline().addLast(codec, new PacketTracker());
                        }
                    })
                    .bind(bind).sync().channel();
        } catch (Exception e) {
            failure = e;
            state = State.FAILED;
            LOG.error("Cannot listen on UDP {}: {}. The relay runs on with health DOWN.", bind, e.toString());
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            return;
        }
        boundAddress = (InetSocketAddress) channel.localAddress();
        state = State.LISTENING;
        DatagramChannel udp = (DatagramChannel) channel;
        LOG.info("Relay listening on UDP {} ({}{}, ALPN {}, SO_RCVBUF {} B, SO_SNDBUF {} B, access {})", boundAddress,
                transport, batching.batched() ? " with batched I/O" : "", QuicTransport.ALPN, udp.config().getReceiveBufferSize(),
                udp.config().getSendBufferSize(), properties.access().mode().name().toLowerCase());
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
        loop.execute(() -> {
            LOG.info("Relay shutting down: Error 7 to {} connections", sessions.size());
            for (Session s : new ArrayList<>(sessions)) {
                control.shutdown(s);
            }
            awaitClosed(done, System.nanoTime() + grace.toNanos() + TimeUnit.MILLISECONDS.toNanos(200));
        });
        // completes on the event loop: release the socket and the loop from another thread
        return done.whenCompleteAsync((v, e) -> {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            LOG.info("Relay stopped");
        });
    }

    private void awaitClosed(CompletableFuture<Void> done, long deadline) {
        if (sessions.isEmpty() || System.nanoTime() >= deadline) {
            for (Session s : new ArrayList<>(sessions)) {
                s.channel().close();
            }
            done.complete(null);
        } else {
            loop.schedule(() -> awaitClosed(done, deadline), 10, TimeUnit.MILLISECONDS);
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

    private void register(Session session) {
        sessions.add(session);
        byAddress.put(session.address(), session);
        connectionCount.set(sessions.size());
    }

    private void unregister(Session session) {
        sessions.remove(session);
        byAddress.remove(session.address(), session);
        connectionCount.set(sessions.size());
    }

    private void refreshAddress(Session session) {
        SocketAddress old = session.address();
        if (session.refreshAddress()) {
            byAddress.remove(old, session);
            byAddress.put(session.address(), session);
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

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            QuicChannel quic = (QuicChannel) ctx.channel();
            if (state != State.LISTENING) {
                metrics.connectionRefused();
                quic.close(true, ErrorCode.SHUTTING_DOWN.code(),
                        Unpooled.copiedBuffer("relay shutting down", StandardCharsets.UTF_8));
                return;
            }
            if (sessions.size() >= properties.limits().maxConnections()) {
                // no control stream yet to carry an Error: the code travels in CONNECTION_CLOSE
                metrics.connectionRefused();
                quic.close(true, ErrorCode.ROOM_FULL.code(), Unpooled.copiedBuffer("relay full", StandardCharsets.UTF_8));
                return;
            }
            metrics.connectionAccepted();
            session = control.connected(quic);
            quic.attr(SESSION).set(session);
            register(session);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf datagram) {
                if (session == null) {
                    datagram.release();
                    return;
                }
                refreshAddress(session);
                forwarder.onDatagram(session, datagram);
            } else {
                // a new stream: let the pipeline register it with the stream initializer
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            forwarder.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicPathEvent && session != null) {
                refreshAddress(session);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session != null) {
                control.onConnectionClosed(session);
                unregister(session);
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

    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Sees every UDP packet quiche writes and credits it to the member it goes to, so each
     * member's {@link dev.parley.relay.core.Egress} knows how much quiche still holds for it.
     */
    private final class PacketTracker extends ChannelDuplexHandler {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof DatagramPacket packet) {
                metrics.udpPacketOut();
                Session s = byAddress.get(packet.recipient());
                if (s != null) {
                    forwarder.emitted(s, packet.content().readableBytes());
                }
            }
            ctx.write(msg, promise);
        }
    }
}
