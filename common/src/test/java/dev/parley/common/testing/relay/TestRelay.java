package dev.parley.common.testing.relay;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.quic.ControlFrameDecoder;
import dev.parley.common.quic.ControlFrameEncoder;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.quic.TlsMaterial;
import dev.parley.common.wire.ControlCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small relay for engine tests: honest by default (PROTOCOL.md sections 5 and 6), and scriptable
 * through {@link Mischief} to behave like a malicious relay: rewrite, inject, replay, duplicate
 * and reorder what it forwards. Everything runs on one Netty event loop, so its state needs no locks.
 * Not the product relay (that is {@code relay-app}); it exists so that the call engine can be
 * tested against a relay that lies.
 */
public final class TestRelay implements AutoCloseable {

    /** Hooks to misbehave; each returns what to deliver instead (empty to drop, several to duplicate). */
    public interface Mischief {
        /** A control payload about to go to {@code to}. */
        default List<byte[]> control(Member to, byte[] payload, ControlMessage message) {
            return List.of(payload);
        }

        /** A datagram about to go to {@code to}. */
        default List<byte[]> datagram(Member to, byte[] datagram) {
            return List.of(datagram);
        }
    }

    /** One connected member as the relay sees it. */
    public static final class Member {
        private final QuicChannel connection;
        private QuicStreamChannel control;
        private long peerId;
        private long roomId = -1;
        private PeerInfo info;

        Member(QuicChannel connection) {
            this.connection = connection;
        }

        public long peerId() {
            return peerId;
        }

        public PeerInfo info() {
            return info;
        }
    }

    /** A datagram the relay received, for tests that check what could be opened by whom. */
    public record Captured(long fromPeerId, byte[] datagram, long atNanos) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final TlsMaterial tls = TlsMaterial.generateSelfSigned("parley-test-relay", Duration.ofDays(1));
    private final Map<Long, List<Member>> rooms = new LinkedHashMap<>();
    private final AtomicLong nextPeerId = new AtomicLong(1);
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final List<ControlMessage> controlLog = new CopyOnWriteArrayList<>();
    private volatile Mischief mischief = new Mischief() { };
    private Channel channel;
    private int port;

    /** Starts on an ephemeral loopback port. */
    public static TestRelay start() throws InterruptedException {
        TestRelay relay = new TestRelay();
        relay.bind(0);
        return relay;
    }

    private void bind(int requestedPort) throws InterruptedException {
        QuicSslContext ssl = QuicSslContextBuilder.forServer(tls.privateKey(), null, tls.certificate())
                .applicationProtocols(QuicTransport.ALPN).build();
        ChannelHandler codec = QuicTransport.Settings.relay().applyTo(new QuicServerCodecBuilder())
                .sslContext(ssl)
                .tokenHandler(QuicTransport.noRetryTokenHandler())
                .handler(new ConnectionHandler())
                .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        stream.pipeline().addLast(new ControlFrameDecoder(), ControlFrameEncoder.INSTANCE,
                                new ControlHandler());
                    }
                })
                .build();
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress("127.0.0.1", requestedPort)).sync().channel();
        port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public int port() {
        return port;
    }

    /** SHA-256 of the certificate, for the link's {@code pin}. */
    public String fingerprint() {
        return tls.fingerprint();
    }

    public void setMischief(Mischief mischief) {
        this.mischief = mischief;
    }

    /** Every datagram received so far. */
    public List<Captured> captured() {
        return List.copyOf(captured);
    }

    /** Every control message received so far, decoded. */
    public List<ControlMessage> controlLog() {
        return List.copyOf(controlLog);
    }

    /** Current members of every room, in join order (a snapshot taken on the event loop). */
    public List<Member> members() {
        return onLoop(() -> {
            List<Member> all = new ArrayList<>();
            rooms.values().forEach(all::addAll);
            return all;
        });
    }

    /** Sends a control payload to one member, as if the relay had something to say. */
    public void injectControl(long peerId, byte[] payload) {
        group.next().execute(() -> find(peerId).ifPresent(m -> m.control.writeAndFlush(payload)));
    }

    /** Sends a datagram to one member. */
    public void injectDatagram(long peerId, byte[] datagram) {
        group.next().execute(() -> find(peerId).ifPresent(m -> m.connection.writeAndFlush(Unpooled.wrappedBuffer(datagram))));
    }

    /** Closes one member's connection with an application close code, as a relay dropping a client would. */
    public void disconnect(long peerId, int code) {
        group.next().execute(() -> find(peerId).ifPresent(m -> m.connection.close(true, code,
                Unpooled.copiedBuffer("disconnected by the test", java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** Drops every connection at once, like a crash (no Error, no PeerLeft). */
    public void crash() throws InterruptedException {
        channel.close().sync();
        rooms.clear();
    }

    /** After {@link #crash()}: listen again on the same port with the same certificate. */
    public void restart() throws InterruptedException {
        bind(port);
    }

    @Override
    public void close() throws InterruptedException {
        if (channel != null) {
            channel.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private java.util.Optional<Member> find(long peerId) {
        return rooms.values().stream().flatMap(List::stream).filter(m -> m.peerId == peerId).findFirst();
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            return group.next().submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendControl(Member to, byte[] payload, ControlMessage message) {
        for (byte[] p : mischief.control(to, payload, message)) {
            to.control.writeAndFlush(p);
        }
    }

    private void onControl(Member member, byte[] payload) {
        Decoded<ControlMessage> decoded = ControlCodec.decode(payload);
        if (!(decoded instanceof Decoded.Ok<ControlMessage> ok)) {
            member.connection.close();
            return;
        }
        ControlMessage message = ok.value();
        controlLog.add(message);
        if (message instanceof ControlMessage.JoinRoom join) {
            member.peerId = nextPeerId.getAndIncrement();
            member.roomId = join.roomId().value();
            member.info = new PeerInfo(new PeerId(member.peerId), join.member());
            List<Member> room = rooms.computeIfAbsent(member.roomId, r -> new ArrayList<>());
            List<PeerInfo> others = room.stream().map(m -> m.info).toList();
            ControlMessage.PeerList list = new ControlMessage.PeerList(new PeerId(member.peerId), others);
            sendControl(member, ControlCodec.encode(list), list);
            ControlMessage.PeerJoined joined = new ControlMessage.PeerJoined(member.info);
            byte[] joinedBytes = ControlCodec.encode(joined);
            room.forEach(m -> sendControl(m, joinedBytes, joined));
            room.add(member);
        } else if (message instanceof ControlMessage.KeyMessage) {
            othersInRoom(member).forEach(m -> sendControl(m, payload, message));
        } else if (message instanceof ControlMessage.ReceiverReport r) {
            othersInRoom(member).stream().filter(m -> m.peerId == r.targetSenderId().value())
                    .forEach(m -> sendControl(m, payload, message));
        } else if (message instanceof ControlMessage.VideoKeyframeRequest v) {
            othersInRoom(member).stream().filter(m -> m.peerId == v.targetSenderId().value())
                    .forEach(m -> sendControl(m, payload, message));
        } else if (message instanceof ControlMessage.Leave) {
            leave(member);
            member.connection.close();
        }
    }

    private List<Member> othersInRoom(Member member) {
        return rooms.getOrDefault(member.roomId, List.of()).stream().filter(m -> m != member).toList();
    }

    private void leave(Member member) {
        List<Member> room = rooms.get(member.roomId);
        if (room == null || !room.remove(member)) {
            return;
        }
        ControlMessage.PeerLeft left = new ControlMessage.PeerLeft(new PeerId(member.peerId));
        byte[] bytes = ControlCodec.encode(left);
        room.forEach(m -> sendControl(m, bytes, left));
        if (room.isEmpty()) {
            rooms.remove(member.roomId);
        }
    }

    private void onDatagram(Member member, byte[] datagram) {
        if (member.roomId < 0) {
            return;
        }
        captured.add(new Captured(member.peerId, datagram, System.nanoTime()));
        for (Member to : othersInRoom(member)) {
            for (byte[] d : mischief.datagram(to, datagram)) {
                to.connection.write(Unpooled.wrappedBuffer(d));
            }
        }
    }

    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.channel().attr(MEMBER).set(new Member((QuicChannel) ctx.channel()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                try {
                    Member m = ctx.channel().attr(MEMBER).get();
                    if (m != null && buf.readableBytes() > 1) {
                        onDatagram(m, ByteBufUtil.getBytes(buf));
                    }
                } finally {
                    buf.release();
                }
                return;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            for (List<Member> room : rooms.values()) {
                room.forEach(m -> m.connection.flush());
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Member m = ctx.channel().attr(MEMBER).get();
            if (m != null) {
                leave(m);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }

    private final class ControlHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Member m = ctx.channel().parent().attr(MEMBER).get();
            m.control = (QuicStreamChannel) ctx.channel();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof byte[] payload) {
                onControl(ctx.channel().parent().attr(MEMBER).get(), payload);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().parent().close();
        }
    }

    private static final io.netty.util.AttributeKey<Member> MEMBER = io.netty.util.AttributeKey.valueOf("parley.member");
}
