package dev.parley.common.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import io.netty.handler.codec.quic.QuicDatagramExtensionEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client end of one QUIC connection to a relay (PROTOCOL.md section 4): the TLS handshake
 * (ALPN {@value QuicTransport#ALPN}, pinned or verified certificate), the control stream opened
 * right after it, media datagrams, keep-alives and the idle timeout.
 *
 * <p>Payloads are opaque: {@link #sendControl(byte[])} frames one encoded control message,
 * {@link #sendDatagram(byte[])} sends one media datagram; the listener receives the same shapes.
 *
 * <p><b>Threads.</b> Every public method is thread-safe and never blocks: sends are queued and
 * written on the connection's Netty event loop, several sends made in a row are flushed together.
 * The {@link Listener} is <i>never</i> called on the event loop: events are handed, in order, to
 * the {@linkplain RelayClientOptions#deliveryExecutor() delivery executor} (a daemon thread of the
 * connection's own by default), so a listener that takes its time delays only itself. Received
 * control payloads are never dropped; received datagrams beyond
 * {@link RelayClientOptions#maxPendingDatagrams()} waiting for the listener are dropped and counted
 * in {@link #stats()}.
 */
public final class RelayConnection {
    private static final System.Logger LOG = System.getLogger(RelayConnection.class.getName());

    /** Receives what the relay sends. Called on the delivery executor, one call at a time. */
    public interface Listener {
        /** One control frame's payload (an encoded control message), in stream order. */
        void onControl(byte[] payload);

        /** One received datagram, exactly as the relay sent it. */
        void onDatagram(byte[] datagram);

        /** The connection ended; nothing is delivered after this. Called exactly once. */
        void onClosed(CloseReason reason);
    }

    /**
     * Counters of one connection.
     *
     * @param datagramsSent datagrams handed to QUIC (excluding keep-alives)
     * @param datagramsReceived datagrams received from the relay
     * @param datagramsDropped received datagrams dropped because the listener fell behind
     * @param datagramsRefused datagrams {@link #sendDatagram} refused (too long, or closed)
     * @param controlSent control frames sent
     * @param controlReceived control frames received
     * @param keepAlivesSent keep-alive datagrams sent
     */
    public record Stats(long datagramsSent, long datagramsReceived, long datagramsDropped, long datagramsRefused,
                        long controlSent, long controlReceived, long keepAlivesSent) {
    }

    /**
     * QUIC's view of the network path.
     *
     * @param rttNanos smoothed round-trip time
     * @param congestionWindow congestion window in bytes
     * @param sentPackets packets sent so far
     * @param lostPackets packets declared lost so far
     */
    public record PathStats(long rttNanos, long congestionWindow, long sentPackets, long lostPackets) {
    }

    private final Listener listener;
    private final RelayClientOptions options;
    private final Delivery delivery;
    private final EventLoopGroup ownedGroup;
    private final CompletableFuture<RelayConnection> connected = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<Object> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final AtomicLong datagramsSent = new AtomicLong();
    private final AtomicLong datagramsReceived = new AtomicLong();
    private final AtomicLong datagramsRefused = new AtomicLong();
    private final AtomicLong controlSent = new AtomicLong();
    private final AtomicLong controlReceived = new AtomicLong();
    private final AtomicLong keepAlivesSent = new AtomicLong();
    private static final long LIVENESS_TICK_MS = 250;
    private static final long PROBE_AFTER_NANOS = 1_000_000_000L;
    private final Runnable writeTask = this::writePending;

    private volatile EventLoop loop;
    private volatile Channel udp;
    private volatile QuicChannel quic;
    private volatile QuicStreamChannel control;
    private volatile int maxDatagramLength = QuicTransport.MAX_MEDIA_DATAGRAM;
    private volatile boolean closing;
    private volatile InetSocketAddress remote;
    // event-loop confined
    private boolean closeRequested;
    private QuicConnectionCloseEvent peerClose;
    private Throwable failure;
    private long lastSendNanos;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> liveness;
    // event loop only: when the relay was last heard from (any QUIC packet), and why we gave up on it
    private long receivedPackets = -1;
    private long lastHeardNanos;
    private long lastProbeNanos;
    private volatile String silenceReason;
    private ScheduledFuture<?> pacedReads;

    private RelayConnection(Listener listener, RelayClientOptions options) {
        this.listener = listener;
        this.options = options;
        ExecutorService ownedExecutor = null;
        var executor = options.deliveryExecutor();
        if (executor == null) {
            ownedExecutor = Executors.newSingleThreadExecutor(new DefaultThreadFactory("parley-relay-events", true));
            executor = ownedExecutor;
        }
        this.delivery = new Delivery(listener, executor, ownedExecutor, options.maxPendingDatagrams());
        this.ownedGroup = options.eventLoopGroup() == null
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("parley-quic-client", true),
                NioIoHandler.newFactory())
                : null;
    }

    /** {@link #connect(String, int, Optional, Listener, RelayClientOptions)} with the defaults. */
    public static CompletableFuture<RelayConnection> connect(String host, int port, Optional<String> pin,
                                                             Listener listener) {
        return connect(host, port, pin, listener, RelayClientOptions.defaults());
    }

    /**
     * Connects to a relay and opens the control stream. The future completes once the control stream
     * is open (nothing has been sent on it yet), or fails with the cause: no answer within the
     * connect timeout, a certificate that does not match the pin or does not verify, the relay not
     * speaking {@value QuicTransport#ALPN}, or the relay not supporting datagrams. Host name
     * resolution happens off the caller's thread.
     *
     * @param host a DNS name or an IP address (IPv6 without brackets)
     * @param pin 64 lowercase hex digits: accept exactly the certificate with that SHA-256; empty:
     *            verify against the platform trust store and the host name
     */
    public static CompletableFuture<RelayConnection> connect(String host, int port, Optional<String> pin,
                                                             Listener listener, RelayClientOptions options) {
        pin.ifPresent(CertificateFingerprint::parse);
        return connect(host, port, QuicTls.client(pin), listener, options);
    }

    /**
     * Connects to one resolved address of {@code host}: a host name that stands for several relays
     * (one address each, as DNS round-robin gives them) is tried address by address by the caller.
     * TLS still checks the certificate against {@code host} (or the pin).
     */
    public static CompletableFuture<RelayConnection> connect(String host, InetSocketAddress address, Optional<String> pin,
                                                             Listener listener, RelayClientOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("connect to a resolved address");
        }
        pin.ifPresent(CertificateFingerprint::parse);
        RelayConnection connection = new RelayConnection(listener, options);
        connection.start(host, address, QuicTls.client(pin));
        return connection.connected;
    }

    /** Connects with any client TLS context; for tests that bring their own trust anchors. */
    static CompletableFuture<RelayConnection> connect(String host, int port, QuicSslContext tls,
                                                      Listener listener, RelayClientOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535");
        }
        RelayConnection connection = new RelayConnection(listener, options);
        CompletableFuture.supplyAsync(() -> new InetSocketAddress(host, port))
                .whenComplete((address, error) -> {
                    if (error != null) {
                        connection.failConnect(error.getCause() != null ? error.getCause() : error);
                    } else if (address.isUnresolved()) {
                        connection.failConnect(new java.net.UnknownHostException(host));
                    } else {
                        connection.start(host, address, tls);
                    }
                });
        return connection.connected;
    }

    private EventLoopGroup group() {
        return ownedGroup != null ? ownedGroup : options.eventLoopGroup();
    }

    private void start(String host, InetSocketAddress address, QuicSslContext tls) {
        remote = address;
        EventLoop eventLoop = group().next();
        loop = eventLoop;
        ChannelHandler codec = options.transport().applyTo(new QuicClientCodecBuilder())
                .sslContext(tls)
                .sslEngineProvider(q -> tls.newEngine(q.alloc(), host, address.getPort()))
                .build();
        InetSocketAddress local = address.getAddress() instanceof Inet6Address
                ? new InetSocketAddress("::", 0) : new InetSocketAddress("0.0.0.0", 0);
        ScheduledFuture<?> timeout = eventLoop.schedule(
                () -> failConnect(new java.net.ConnectException("no QUIC handshake with " + address + " within "
                        + options.connectTimeout().toMillis() + " ms")),
                options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        connected.whenComplete((c, e) -> timeout.cancel(false));
        new Bootstrap().group(eventLoop)
                .channel(NioDatagramChannel.class)
                // paced reads take everything that waited since the last one: room for a burst
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048)
                        .maxMessagesPerRead(options.readInterval().isZero() ? 16 : 256))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(codec)
                .bind(local)
                .addListener(bound -> {
                    if (!bound.isSuccess()) {
                        failConnect(bound.cause());
                        return;
                    }
                    udp = ((io.netty.channel.ChannelFuture) bound).channel();
                    if (connected.isDone()) {
                        udp.close();
                        return;
                    }
                    QuicChannel.newBootstrap(udp)
                            .handler(new ConnectionHandler())
                            .streamHandler(new RefuseStreams())
                            .remoteAddress(address)
                            .connect()
                            .addListener(this::onHandshake);
                });
    }

    private void onHandshake(Future<? super QuicChannel> f) {
        if (!f.isSuccess()) {
            failConnect(f.cause());
            return;
        }
        QuicChannel channel = (QuicChannel) f.getNow();
        quic = channel;
        if (connected.isDone()) {
            channel.close();
            return;
        }
        channel.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
            @Override
            protected void initChannel(QuicStreamChannel ch) {
                ch.pipeline().addLast(new ControlFrameDecoder(), ControlFrameEncoder.INSTANCE, new ControlHandler());
            }
        }).addListener(s -> {
            if (!s.isSuccess()) {
                failConnect(s.cause());
                channel.close();
                return;
            }
            control = (QuicStreamChannel) s.getNow();
            lastSendNanos = System.nanoTime();
            long interval = options.keepAliveInterval().toNanos();
            keepAlive = channel.eventLoop().scheduleAtFixedRate(this::keepAliveIfIdle, interval, interval / 4,
                    TimeUnit.NANOSECONDS);
            lastHeardNanos = System.nanoTime();
            liveness = channel.eventLoop().scheduleAtFixedRate(this::checkLiveness, LIVENESS_TICK_MS, LIVENESS_TICK_MS,
                    TimeUnit.MILLISECONDS);
            startPacedReads();
            if (connected.complete(this)) {
                delivery.start();
            } else {
                channel.close();
            }
        });
    }

    /**
     * With a read interval, from now on the socket is read on a timer rather than as datagrams
     * arrive (see {@link RelayClientOptions#readInterval()}). The handshake ran unpaced, so that
     * it took no longer than the network made it. Runs on the event loop.
     */
    private void startPacedReads() {
        long every = options.readInterval().toNanos();
        Channel u = udp;
        if (every == 0 || u == null) {
            return;
        }
        // With auto-read off Netty reads one datagram per read(): instead, auto-read is switched on
        // at each tick (everything waiting is read, up to maxMessagesPerRead) and off again when
        // that read completes (the socket leaves the selector's interest set until the next tick).
        u.pipeline().addFirst("parley-paced-reads", new PacedReads());
        u.config().setAutoRead(false);
        pacedReads = u.eventLoop().scheduleAtFixedRate(() -> {
            if (u.isActive()) {
                u.config().setAutoRead(true);
            }
        }, every, every, TimeUnit.NANOSECONDS);
    }

    /** First in the UDP pipeline: a completed read ends the batch of paced reads. */
    private static final class PacedReads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(false);
            ctx.fireChannelReadComplete();
        }
    }

    private void failConnect(Throwable cause) {
        if (connected.completeExceptionally(cause)) {
            closing = true;
            QuicChannel q = quic;
            if (q != null) {
                q.close();
            }
            Channel u = udp;
            if (u != null) {
                u.close();
            }
            releaseResources();
            closed.complete(CloseReason.error("connect failed: " + cause));
        }
    }

    /**
     * Sends one control frame (length prefix added here) on the control stream.
     *
     * @param payload one encoded control message, 1..65536 bytes; the array is copied
     * @return false when the connection is closing or closed (nothing was sent)
     * @throws IllegalArgumentException when the payload length is outside 1..65536
     */
    public boolean sendControl(byte[] payload) {
        ControlFrameEncoder.checkLength(payload.length);
        if (closing) {
            return false;
        }
        outbound.add(new OutboundControl(payload.clone()));
        return scheduleWrite();
    }

    /**
     * Sends one datagram. QUIC datagrams are unreliable: a sent datagram may still be lost.
     *
     * @param datagram one media datagram, 1..{@link #maxDatagramLength()} bytes; the array is copied
     * @return false when it is empty, longer than the connection allows, or the connection is
     *         closing (it was not sent). A send racing the end of the connection is refused, never
     *         thrown: the caller is typically an audio thread that must outlive its connection.
     */
    public boolean sendDatagram(byte[] datagram) {
        if (closing || datagram.length == 0 || datagram.length > maxDatagramLength) {
            datagramsRefused.incrementAndGet();
            return false;
        }
        outbound.add(Unpooled.wrappedBuffer(datagram.clone()));
        return scheduleWrite();
    }

    private record OutboundControl(byte[] payload) {
    }

    /**
     * Makes sure a write task will drain {@link #outbound}. False when the event loop has already
     * shut down (the connection ended between the caller's {@code closing} check and here): what is
     * queued is then dropped and counted as refused, since nothing will ever write it.
     */
    private boolean scheduleWrite() {
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(writeTask);
            } catch (RejectedExecutionException e) {
                closing = true;
                writeScheduled.set(false); // a racing sender then finds the loop gone too and discards
                discardOutbound();
                return false;
            }
        }
        return true;
    }

    /** Drops everything queued for sending; datagrams among it count as refused. */
    private void discardOutbound() {
        Object item;
        while ((item = outbound.poll()) != null) {
            if (!(item instanceof OutboundControl)) {
                datagramsRefused.incrementAndGet();
            }
            ReferenceCountUtil.release(item);
        }
    }

    private void writePending() {
        writeScheduled.set(false);
        QuicChannel q = quic;
        QuicStreamChannel c = control;
        boolean wroteDatagram = false;
        boolean wroteControl = false;
        Object item;
        while ((item = outbound.poll()) != null) {
            if (closeRequested || q == null || !q.isActive()) {
                if (!(item instanceof OutboundControl)) {
                    datagramsRefused.incrementAndGet();
                }
                ReferenceCountUtil.release(item);
                continue;
            }
            if (item instanceof OutboundControl oc) {
                c.write(oc.payload(), c.voidPromise());
                controlSent.incrementAndGet();
                wroteControl = true;
            } else {
                q.write(item, q.voidPromise());
                datagramsSent.incrementAndGet();
                wroteDatagram = true;
            }
        }
        if (wroteControl) {
            c.flush();
        }
        if (wroteDatagram) {
            q.flush();
        }
        if (wroteControl || wroteDatagram) {
            lastSendNanos = System.nanoTime();
        }
    }

    /**
     * Notices a relay that went silent (it died, or the path did): after a second without any packet
     * from it, a keep-alive datagram (ack-eliciting) goes out once a second to draw an ACK; after
     * {@link RelayClientOptions#silenceTimeout()} without one, the connection closes as lost.
     */
    private void checkLiveness() {
        QuicChannel q = quic;
        if (closeRequested || closing || q == null || !q.isActive()) {
            return;
        }
        q.collectStats().addListener(f -> {
            if (!f.isSuccess() || closeRequested || closing) {
                return;
            }
            long received = ((io.netty.handler.codec.quic.QuicConnectionStats) f.getNow()).recv();
            long now = System.nanoTime();
            if (received != receivedPackets) {
                receivedPackets = received;
                lastHeardNanos = now;
                return;
            }
            long silent = now - lastHeardNanos;
            if (silent >= options.silenceTimeout().toNanos()) {
                silenceReason = "nothing heard from the relay for " + options.silenceTimeout().toSeconds() + " s";
                q.close(true, 0, Unpooled.EMPTY_BUFFER);
            } else if (silent >= PROBE_AFTER_NANOS && now - lastProbeNanos >= PROBE_AFTER_NANOS) {
                lastProbeNanos = now;
                q.writeAndFlush(Unpooled.wrappedBuffer(QuicTransport.KEEPALIVE_DATAGRAM), q.voidPromise());
                keepAlivesSent.incrementAndGet();
            }
        });
    }

    private void keepAliveIfIdle() {
        QuicChannel q = quic;
        if (closeRequested || q == null || !q.isActive()) {
            return;
        }
        if (System.nanoTime() - lastSendNanos >= options.keepAliveInterval().toNanos()) {
            q.writeAndFlush(Unpooled.wrappedBuffer(QuicTransport.KEEPALIVE_DATAGRAM), q.voidPromise());
            keepAlivesSent.incrementAndGet();
            lastSendNanos = System.nanoTime();
        }
    }

    /**
     * The largest datagram this connection can send: the smaller of {@value
     * QuicTransport#MAX_MEDIA_DATAGRAM} (the protocol's limit) and what QUIC negotiated.
     */
    public int maxDatagramLength() {
        return maxDatagramLength;
    }

    /** Closes the connection (CONNECTION_CLOSE with application code 0); the future completes when done. */
    public CompletableFuture<CloseReason> close() {
        closing = true;
        if (closed.isDone()) {
            return closed;
        }
        EventLoop l = loop;
        if (!connected.isDone() || l == null) {
            failConnect(new java.util.concurrent.CancellationException("closed while connecting"));
            if (l == null) {
                return closed;
            }
        }
        try {
            l.execute(() -> {
                closeRequested = true;
                QuicChannel q = quic;
                if (q != null && q.isOpen()) {
                    q.close(true, 0, Unpooled.EMPTY_BUFFER);
                } else {
                    finish(CloseReason.local());
                }
            });
        } catch (RejectedExecutionException e) {
            // The loop only shuts down once the connection has ended (finish or failConnect, or the
            // owner of a shared group closing its channels, which ends in finish): closed is
            // completed there, with the reason the connection really ended for.
        }
        return closed;
    }

    /** Completes with the reason once the connection has ended, for whatever cause. */
    public CompletableFuture<CloseReason> closeFuture() {
        return closed;
    }

    /** True until the connection starts closing. */
    public boolean isOpen() {
        return !closing && !closed.isDone();
    }

    /** The relay's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    public Stats stats() {
        return new Stats(datagramsSent.get(), datagramsReceived.get(), delivery.droppedDatagrams(),
                datagramsRefused.get(), controlSent.get(), controlReceived.get(), keepAlivesSent.get());
    }

    /**
     * QUIC's view of the path (round-trip time, congestion window, packets sent and lost). Fails
     * with {@link IllegalStateException} once the connection is closing or closed.
     *
     * <p>Everything happens on the event loop, where the channel cannot close under us: asking a
     * closed channel from another thread made Netty notify the listener through an event loop that
     * had shut down, which it logs as SEVERE.
     */
    public CompletableFuture<PathStats> pathStats() {
        CompletableFuture<PathStats> result = new CompletableFuture<>();
        EventLoop l = loop;
        if (closing || l == null || quic == null) {
            result.completeExceptionally(new IllegalStateException("not connected"));
            return result;
        }
        try {
            l.execute(() -> {
                QuicChannel q = quic;
                if (closeRequested || closing || !q.isActive()) {
                    result.completeExceptionally(new IllegalStateException("not connected"));
                    return;
                }
                q.collectPathStats(0).addListener(f -> {
                    if (f.isSuccess()) {
                        QuicConnectionPathStats s = (QuicConnectionPathStats) f.getNow();
                        result.complete(new PathStats(s.rtt(), s.cwnd(), s.sent(), s.lost()));
                    } else {
                        result.completeExceptionally(f.cause());
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("not connected"));
        }
        return result;
    }

    private void finish(CloseReason reason) {
        closing = true;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (liveness != null) {
            liveness.cancel(false);
        }
        if (pacedReads != null) {
            pacedReads.cancel(false);
        }
        discardOutbound();
        if (!closed.isDone()) {
            Channel u = udp;
            if (u != null) {
                u.close();
            }
            delivery.closed(reason);
            releaseResources();
            closed.complete(reason);
        }
    }

    private void releaseResources() {
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private CloseReason reasonForClose(QuicChannel channel) {
        if (peerClose != null) {
            return new CloseReason(CloseReason.Kind.REMOTE, peerClose.error(),
                    new String(peerClose.reason(), StandardCharsets.UTF_8));
        }
        if (closeRequested) {
            return CloseReason.local();
        }
        String silence = silenceReason;
        if (silence != null) {
            return new CloseReason(CloseReason.Kind.IDLE_TIMEOUT, 0, silence);
        }
        if (channel.isTimedOut()) {
            return new CloseReason(CloseReason.Kind.IDLE_TIMEOUT, 0,
                    "nothing heard from the relay for " + options.transport().idleTimeout().toSeconds() + " s");
        }
        return CloseReason.error(failure != null ? failure.toString() : "connection lost");
    }

    /** The QUIC connection's pipeline: datagrams in, close events. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                try {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.getBytes(buf.readerIndex(), bytes);
                    datagramsReceived.incrementAndGet();
                    delivery.datagram(bytes);
                } finally {
                    buf.release();
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicDatagramExtensionEvent e) {
                maxDatagramLength = Math.min(QuicTransport.MAX_MEDIA_DATAGRAM, e.maxLength());
            } else if (evt instanceof QuicConnectionCloseEvent e) {
                peerClose = e;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a write that met the channel closing is a consequence, not the reason it closed
            if (failure == null && !(cause instanceof ClosedChannelException)) {
                failure = cause;
            }
            LOG.log(System.Logger.Level.DEBUG, "relay connection error", cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!connected.isDone()) {
                failConnect(failure != null ? failure : new java.net.ConnectException("connection closed"));
            } else {
                finish(reasonForClose((QuicChannel) ctx.channel()));
            }
            ctx.fireChannelInactive();
        }
    }

    /** The control stream's pipeline: payloads in, broken framing closes the connection. */
    private final class ControlHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof byte[] payload) {
                controlReceived.incrementAndGet();
                delivery.control(payload);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            QuicChannel q = quic;
            if (cause instanceof ControlFrameException && q != null) {
                LOG.log(System.Logger.Level.WARNING, "the relay broke the control stream framing: {0}",
                        cause.getMessage());
                q.close(true, 1, Unpooled.copiedBuffer("bad control frame", StandardCharsets.UTF_8));
            }
        }
    }

    /** The relay has no business opening streams: refuse any it tries. */
    @ChannelHandler.Sharable
    private static final class RefuseStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public String toString() {
        return "RelayConnection[" + remote + (isOpen() ? ", open" : ", closed") + "]";
    }
}
