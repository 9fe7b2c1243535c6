package dev.parley.relay.support;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.quic.ControlFrameDecoder;
import dev.parley.common.quic.ControlFrameEncoder;
import dev.parley.common.quic.QuicTls;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.wire.ControlCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare Netty QUIC client that can misbehave: write arbitrary bytes on the control stream, open
 * extra streams, or stop reading from its UDP socket altogether (a stalled receiver).
 */
public final class RawQuicClient implements AutoCloseable {
    public final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<QuicConnectionCloseEvent> closeEvent = new CompletableFuture<>();
    public final CompletableFuture<Void> closed = new CompletableFuture<>();
    public final AtomicLong datagramsReceived = new AtomicLong();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel udp;
    private final QuicChannel quic;
    private final QuicStreamChannel stream;

    public RawQuicClient(int port, String pin) throws Exception {
        this("127.0.0.1", port, pin);
    }

    /** A client of the relay at {@code host} (one of several loopback addresses in cluster tests). */
    public RawQuicClient(String host, int port, String pin) throws Exception {
        QuicSslContext tls = QuicTls.client(Optional.of(pin));
        ChannelHandler codec = QuicTransport.Settings.client().applyTo(new QuicClientCodecBuilder())
                .sslContext(tls).build();
        udp = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress(host, 0)).sync().channel();
        quic = QuicChannel.newBootstrap(udp)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof ByteBuf b) {
                            datagramsReceived.incrementAndGet();
                            b.release();
                        } else {
                            ctx.fireChannelRead(msg);
                        }
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof QuicConnectionCloseEvent e) {
                            closeEvent.complete(e);
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        closed.complete(null);
                    }
                })
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(new InetSocketAddress(host, port))
                .connect().get(5, TimeUnit.SECONDS);
        stream = openStream();
    }

    /** Opens a client bidirectional stream that collects frames into {@link #frames}. */
    public QuicStreamChannel openStream() throws Exception {
        return quic.createStream(QuicStreamType.BIDIRECTIONAL, new io.netty.channel.ChannelInitializer<QuicStreamChannel>() {
            @Override
            protected void initChannel(QuicStreamChannel ch) {
                ch.pipeline().addLast(new ControlFrameDecoder(), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        frames.add((byte[]) msg);
                    }
                });
            }
        }).get(5, TimeUnit.SECONDS);
    }

    public void writeRaw(byte[] bytes) {
        stream.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    }

    public void send(ControlMessage message) {
        stream.writeAndFlush(ControlFrameEncoder.frame(stream.alloc(), ControlCodec.encode(message)))
                .syncUninterruptibly();
    }

    public void sendDatagram(byte[] datagram) {
        quic.writeAndFlush(Unpooled.wrappedBuffer(datagram));
    }

    /** The next control message from the relay, within 5 s. */
    public ControlMessage next() throws InterruptedException {
        byte[] frame = frames.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no control message within 5 s");
        }
        Decoded<ControlMessage> d = ControlCodec.decode(frame);
        return d.orElseThrow();
    }

    /** Stops reading the UDP socket: nothing is received or acknowledged any more. */
    public void stopReading() {
        udp.eventLoop().submit(() -> udp.config().setAutoRead(false)).syncUninterruptibly();
    }

    public void resumeReading() {
        udp.eventLoop().submit(() -> udp.config().setAutoRead(true)).syncUninterruptibly();
    }

    public QuicChannel channel() {
        return quic;
    }

    @Override
    public void close() {
        quic.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
