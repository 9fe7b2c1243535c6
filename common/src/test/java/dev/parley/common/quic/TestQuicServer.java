package dev.parley.common.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal QUIC server for transport tests: echoes control frames and datagrams. A control payload
 * {@code close:N} makes it close the connection with application error code N, {@code badframe}
 * makes it write a zero-length frame, {@code silence} makes it stop echoing datagrams. Counts
 * keep-alives.
 */
final class TestQuicServer implements AutoCloseable {
    final TlsMaterial tls;
    final AtomicInteger keepAlives = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private volatile boolean vanished;

    TestQuicServer(TlsMaterial tls, Duration idleTimeout) throws InterruptedException {
        this(tls, QuicTls.server(tls), idleTimeout);
    }

    TestQuicServer(TlsMaterial tls, QuicSslContext context, Duration idleTimeout) throws InterruptedException {
        this.tls = tls;
        ChannelHandler codec = QuicTransport.Settings.relay().withIdleTimeout(idleTimeout)
                .applyTo(new QuicServerCodecBuilder())
                .sslContext(context)
                .tokenHandler(QuicTransport.noRetryTokenHandler())
                .handler(new ConnectionHandler())
                .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel ch) {
                        ch.pipeline().addLast(new ControlFrameDecoder(), ControlFrameEncoder.INSTANCE, new Echo());
                    }
                })
                .build();
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops answering at once: the socket closes without CONNECTION_CLOSE to anyone, as in a crash. */
    void vanish() {
        vanished = true;
        group.shutdownNow();
    }

    @Override
    public void close() {
        if (vanished) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                if (QuicTransport.isKeepAlive(buf)) {
                    keepAlives.incrementAndGet();
                    buf.release();
                } else if (Boolean.TRUE.equals(ctx.channel().attr(SILENT).get())) {
                    buf.release();
                } else {
                    ctx.writeAndFlush(buf);
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    static final io.netty.util.AttributeKey<Boolean> SILENT = io.netty.util.AttributeKey.valueOf("silent");

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] payload = (byte[]) msg;
            String text = new String(payload, StandardCharsets.ISO_8859_1);
            QuicChannel parent = (QuicChannel) ctx.channel().parent();
            if (text.startsWith("close:")) {
                int code = Integer.parseInt(text.substring(6));
                parent.close(true, code, Unpooled.copiedBuffer("closing with " + code, StandardCharsets.UTF_8));
            } else if (text.equals("badframe")) {
                ctx.writeAndFlush(Unpooled.buffer(4).writeInt(0));
            } else if (text.startsWith("burst:")) {
                // that many datagrams, each flushed on its own: that many QUIC packets
                int n = Integer.parseInt(text.substring(6));
                for (int i = 0; i < n; i++) {
                    parent.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {2, (byte) i}));
                }
            } else if (text.equals("silence")) {
                parent.attr(SILENT).set(true);
            } else {
                ctx.writeAndFlush(payload);
            }
        }
    }
}
