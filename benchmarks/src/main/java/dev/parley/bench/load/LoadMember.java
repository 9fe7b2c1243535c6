package dev.parley.bench.load;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.ControlFrameDecoder;
import dev.parley.common.quic.ControlFrameEncoder;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.wire.ControlCodec;
import dev.parley.common.wire.MediaDatagrams;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One simulated call member: its own UDP socket and QUIC connection (ALPN parley/1, datagrams, the
 * relay's certificate pinned), Hello/Auth/JoinRoom with a well-formed MemberCard of random bytes,
 * then 120-byte audio datagrams with a valid section 6 header whose "ciphertext" carries the
 * sender's {@code System.nanoTime()} at {@link #TIMESTAMP_OFFSET}; with {@link VideoTraffic} on, also
 * one video stream (kind 2, its own ssrc and packet index) whose frames go out as bursts of chunk
 * datagrams, each carrying its own send timestamp in the same place. All I/O runs on the event loop of its {@link LoopState},
 * shared with many other members; no thread of its own.
 */
final class LoadMember {
    /** Where the send timestamp sits: the first 8 bytes of the ciphertext. */
    static final int TIMESTAMP_OFFSET = MediaHeader.LENGTH;
    /** The sender's member index follows the timestamp. */
    static final int INDEX_OFFSET = TIMESTAMP_OFFSET + 8;
    /** Audio timestamp step of one 20 ms packet at 48 kHz. */
    private static final int TICKS_PER_PACKET = 960;

    final int index;
    final long roomId;
    final LoopState state;
    final long phaseNanos;
    final CompletableFuture<LoadMember> joined = new CompletableFuture<>();
    /** Next scheduled send; loop-confined. */
    long nextSendNanos;
    /** Where this member's frames sit in the frame period, and its keyframes in the keyframe interval. */
    final long videoPhaseNanos;
    final int keyframeOffset;
    /** Next scheduled video frame and its number; loop-confined. */
    long nextFrameNanos;
    long frameIndex;

    private final int datagramSize;
    private final String token;
    private byte[] template;
    private long packetIndex;
    private final boolean video;
    /** A largest video datagram: header (kind 2, own ssrc) and random ciphertext; shorter ones are its prefix. */
    private byte[] videoTemplate;
    private long videoPacketIndex;
    private long videoTimestampBase;
    private Channel udp;
    private boolean ownsSocket;
    private volatile QuicChannel quic;
    private volatile long peerId;
    private int controlReceived;

    LoadMember(int index, long roomId, LoopState state, long phaseNanos, int datagramSize, String token) {
        this(index, roomId, state, phaseNanos, datagramSize, token, false, 0, 0);
    }

    /**
     * @param video          whether it also sends a video stream (paced by its {@link LoopState})
     * @param videoPhaseNanos offset of its frames within the frame period
     * @param keyframeOffset frame {@code k} is a keyframe when {@code (k + keyframeOffset)} is a multiple
     *                       of the keyframe interval
     */
    LoadMember(int index, long roomId, LoopState state, long phaseNanos, int datagramSize, String token,
               boolean video, long videoPhaseNanos, int keyframeOffset) {
        this.index = index;
        this.roomId = roomId;
        this.state = state;
        this.phaseNanos = phaseNanos;
        this.datagramSize = datagramSize;
        this.token = token;
        this.video = video;
        this.videoPhaseNanos = videoPhaseNanos;
        this.keyframeOffset = keyframeOffset;
    }

    boolean isJoined() {
        return peerId != 0 && quic != null && quic.isActive();
    }

    /** The member's local UDP port, or -1 before it is bound. */
    int localPort() {
        Channel u = udp;
        return u == null || u.localAddress() == null ? -1 : ((InetSocketAddress) u.localAddress()).getPort();
    }

    long peerId() {
        return peerId;
    }

    int controlReceived() {
        return controlReceived;
    }

    /** A UDP socket with a QUIC client codec on {@code loop}; one per member unless members share sockets. */
    static ChannelFuture bindSocket(EventLoop loop, InetSocketAddress target, QuicSslContext tls,
                                    QuicTransport.Settings settings) {
        ChannelHandler codec = settings.applyTo(new QuicClientCodecBuilder()).sslContext(tls).build();
        // plain reads, as the real client does: the relay's UdpBatching made members dearer per
        // packet (a member's socket holds about one packet per read, yet each read took a 32 KB
        // buffer, and each flush a task)
        return new Bootstrap().group(loop)
                .channel(EpollDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048).maxMessagesPerRead(16))
                .option(ChannelOption.SO_RCVBUF, 256 * 1024)
                .option(ChannelOption.SO_SNDBUF, 256 * 1024)
                .handler(codec)
                .bind(new InetSocketAddress(target.getAddress().isLoopbackAddress() ? target.getAddress() : null, 0));
    }

    /** Opens its own socket, the QUIC connection and the control stream and joins; {@link #joined} completes on PeerList. */
    CompletableFuture<LoadMember> connect(InetSocketAddress target, QuicSslContext tls, QuicTransport.Settings settings) {
        ownsSocket = true;
        return connect(bindSocket(state.loop, target, tls, settings), target);
    }

    /**
     * Opens a QUIC connection on {@code socket} (which must be on this member's event loop; several
     * members may share it) and joins.
     */
    CompletableFuture<LoadMember> connect(ChannelFuture socket, InetSocketAddress target) {
        socket.addListener((ChannelFuture bound) -> {
            if (!bound.isSuccess()) {
                joined.completeExceptionally(bound.cause());
                return;
            }
            udp = bound.channel();
            QuicChannel.newBootstrap(udp)
                    .handler(new DatagramHandler())
                    .streamHandler(new RefuseStreams())
                    .remoteAddress(target)
                    .connect()
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            joined.completeExceptionally(f.cause());
                            if (ownsSocket) {
                                udp.close();
                            }
                            return;
                        }
                        quic = (QuicChannel) f.getNow();
                        openControl();
                    });
        });
        return joined;
    }

    private void openControl() {
        quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
            @Override
            protected void initChannel(QuicStreamChannel ch) {
                ch.pipeline().addLast(new ControlFrameDecoder(), ControlFrameEncoder.INSTANCE, new ControlHandler());
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                joined.completeExceptionally(f.cause());
                close();
                return;
            }
            QuicStreamChannel control = (QuicStreamChannel) f.getNow();
            ThreadLocalRandom r = ThreadLocalRandom.current();
            MemberCard card = MemberCard.of(bytes(r, 32), bytes(r, 32), bytes(r, 64), bytes(r, 32), bytes(r, 60));
            control.write(ControlCodec.encode(new ControlMessage.Hello(1, "parley-loadgen/1")));
            control.write(ControlCodec.encode(new ControlMessage.Auth(token)));
            control.writeAndFlush(ControlCodec.encode(new ControlMessage.JoinRoom(new RoomId(roomId), card)));
        });
    }

    private static byte[] bytes(ThreadLocalRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private void onPeerList(long yourPeerId) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int ctLen = datagramSize - MediaHeader.LENGTH;
        byte[] ct = bytes(r, ctLen);
        long audioSsrc = r.nextLong(1L << 32);
        MediaHeader header = new MediaHeader(roomId, yourPeerId, MediaKind.AUDIO, audioSsrc, 0, 0, 0, ctLen);
        template = MediaDatagrams.encode(header, ct);
        if (video) {
            long videoSsrc;
            do {
                videoSsrc = r.nextLong(1L << 32);
            } while (videoSsrc == audioSsrc); // a sender's streams must have distinct ssrcs
            MediaHeader vh = new MediaHeader(roomId, yourPeerId, MediaKind.VIDEO, videoSsrc, 0, 0, 0,
                    MediaHeader.MAX_CIPHERTEXT);
            videoTemplate = MediaDatagrams.encode(vh, bytes(r, MediaHeader.MAX_CIPHERTEXT));
            videoTimestampBase = r.nextLong(1L << 32);
        }
        peerId = yourPeerId;
        joined.complete(this);
    }

    /**
     * Writes and flushes the next datagram; returns the embedded send timestamp (never 0), or 0
     * when the connection is gone. On the loop.
     */
    long send() {
        QuicChannel q = quic;
        if (q == null || !q.isActive()) {
            return 0;
        }
        ByteBuf b = q.alloc().directBuffer(datagramSize);
        b.writeBytes(template);
        long i = packetIndex++;
        b.setShort(MediaHeader.OFFSET_SEQ, (int) i);
        b.setInt(MediaHeader.OFFSET_TIMESTAMP, (int) (i * TICKS_PER_PACKET));
        b.setShort(MediaHeader.OFFSET_SEQ_HI, (int) (i >>> 16));
        b.setInt(INDEX_OFFSET, index);
        long ts = System.nanoTime();
        if (ts == 0) {
            ts = 1;
        }
        b.setLong(TIMESTAMP_OFFSET, ts);
        q.writeAndFlush(b, q.voidPromise());
        return ts;
    }

    /**
     * Writes one video datagram of {@code length} bytes (the next packet index of the video stream,
     * frame {@code frameIndex}'s 90 kHz timestamp) without flushing: a frame's chunks go out back to
     * back, and {@link #flush()} follows the last. Returns the embedded send timestamp (never 0), or 0
     * when the connection is gone. On the loop.
     */
    long sendVideo(int length, long frameIndex, long ticksPerFrame) {
        QuicChannel q = quic;
        if (q == null || !q.isActive()) {
            return 0;
        }
        ByteBuf b = q.alloc().directBuffer(length);
        b.writeBytes(videoTemplate, 0, length);
        long i = videoPacketIndex++;
        b.setShort(MediaHeader.OFFSET_SEQ, (int) i);
        b.setInt(MediaHeader.OFFSET_TIMESTAMP, (int) (videoTimestampBase + frameIndex * ticksPerFrame));
        b.setShort(MediaHeader.OFFSET_SEQ_HI, (int) (i >>> 16));
        b.setShort(MediaHeader.OFFSET_CT_LEN, length - MediaHeader.LENGTH);
        b.setInt(INDEX_OFFSET, index);
        long ts = System.nanoTime();
        if (ts == 0) {
            ts = 1;
        }
        b.setLong(TIMESTAMP_OFFSET, ts);
        q.write(b, q.voidPromise());
        return ts;
    }

    /** Hands what {@link #sendVideo} wrote to QUIC. On the loop. */
    void flush() {
        QuicChannel q = quic;
        if (q != null) {
            q.flush();
        }
    }

    /** quiche's packet counters of this connection: {sent, received, lost}; zeros when not connected. */
    CompletableFuture<long[]> quicStats() {
        CompletableFuture<long[]> result = new CompletableFuture<>();
        QuicChannel q = quic;
        if (q == null || !q.isActive()) {
            result.complete(new long[3]);
            return result;
        }
        q.collectStats().addListener(f -> {
            if (f.isSuccess()) {
                var s = (io.netty.handler.codec.quic.QuicConnectionStats) f.getNow();
                result.complete(new long[]{s.sent(), s.recv(), s.lost()});
            } else {
                result.complete(new long[3]);
            }
        });
        return result;
    }

    /** Closes the QUIC connection (CONNECTION_CLOSE, code 0) and the socket if it is the member's own. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        state.loop.execute(() -> {
            QuicChannel q = quic;
            Channel u = ownsSocket ? udp : null;
            if (q != null && q.isOpen()) {
                q.close(true, 0, Unpooled.EMPTY_BUFFER).addListener(f -> {
                    if (u != null) {
                        u.close().addListener(x -> done.complete(null));
                    } else {
                        done.complete(null);
                    }
                });
            } else if (u != null) {
                u.close().addListener(x -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    /** The connection's pipeline: media datagrams in; streams passed on so they register. */
    private final class DatagramHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                try {
                    state.onDatagram(buf, roomId);
                } finally {
                    buf.release();
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            joined.completeExceptionally(new IllegalStateException("connection closed before PeerList"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            joined.completeExceptionally(cause);
        }
    }

    private final class ControlHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof byte[] payload)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            controlReceived++;
            if (joined.isDone()) {
                return; // PeerJoined / PeerLeft of others: not needed for the load
            }
            Decoded<ControlMessage> d = ControlCodec.decode(payload);
            if (d instanceof Decoded.Ok<ControlMessage> ok) {
                if (ok.value() instanceof ControlMessage.PeerList pl) {
                    onPeerList(pl.yourPeerId().value());
                } else if (ok.value() instanceof ControlMessage.Error e) {
                    joined.completeExceptionally(new IllegalStateException(
                            "relay refused the join: Error " + e.code() + " " + e.message()));
                }
            } else {
                joined.completeExceptionally(new IllegalStateException("undecodable control message: "
                        + d.errorOrNull()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            joined.completeExceptionally(cause);
        }
    }

    @ChannelHandler.Sharable
    private static final class RefuseStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }
}
