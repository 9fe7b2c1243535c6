package dev.parley.common.quic;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicTokenHandler;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Protocol constants of PROTOCOL.md section 4 and the QUIC codec settings both ends use.
 *
 * <p>Sizing follows what was measured with Netty's quiche codec (FACTS.md, QUIC): datagram writes
 * have no back-pressure and are silently dropped when quiche's send queue is full, so the queues
 * and the initial congestion window are sized for bursts well above a member's rate limit.
 */
public final class QuicTransport {
    /** TLS ALPN of protocol version 1. */
    public static final String ALPN = "parley/1";
    /** Default UDP port of a relay. */
    public static final int DEFAULT_PORT = 4433;
    /** Largest control frame payload; the smallest is 1. */
    public static final int MAX_FRAME_PAYLOAD = dev.parley.common.wire.Frames.MAX_PAYLOAD;
    /** Largest media datagram the protocol allows. */
    public static final int MAX_MEDIA_DATAGRAM = 1100;
    /** Idle timeout of a connection. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How often a client makes sure something ack-eliciting goes to the relay. */
    public static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
    /**
     * What a client sends as its keep-alive: one zero byte in a DATAGRAM frame. quiche (under Netty)
     * cannot send an explicit QUIC PING, and an empty DATAGRAM is never written by Netty; a DATAGRAM
     * frame is ack-eliciting like a PING. It is not a valid media datagram, so any relay drops it;
     * Parley's relay counts it as a keep-alive rather than as malformed.
     */
    public static final byte[] KEEPALIVE_DATAGRAM = {0};

    private QuicTransport() {
    }

    /** True when a received datagram is a client keep-alive ({@link #KEEPALIVE_DATAGRAM}). */
    public static boolean isKeepAlive(ByteBuf datagram) {
        return datagram.readableBytes() == 1 && datagram.getByte(datagram.readerIndex()) == 0;
    }

    /**
     * The knobs of one end's QUIC codec.
     *
     * @param idleTimeout max idle timeout advertised (the effective one is the smaller of both ends')
     * @param datagramReceiveQueue datagrams quiche keeps until the application reads them
     * @param datagramSendQueue datagrams quiche keeps until congestion control lets them out; a
     *                          write beyond this is dropped silently
     * @param initialCongestionWindowPackets quiche's initial congestion window, in packets
     * @param initialMaxData connection-level flow-control window
     * @param initialMaxStreamData stream-level flow-control window (both bidirectional directions)
     * @param maxPeerBidirectionalStreams how many bidirectional streams the peer may open
     */
    public record Settings(Duration idleTimeout, int datagramReceiveQueue, int datagramSendQueue,
                           int initialCongestionWindowPackets, long initialMaxData, long initialMaxStreamData,
                           long maxPeerBidirectionalStreams) {

        public Settings {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
            if (datagramReceiveQueue < 1 || datagramSendQueue < 1) {
                throw new IllegalArgumentException("datagram queues must hold at least one datagram");
            }
            if (initialCongestionWindowPackets < 1) {
                throw new IllegalArgumentException("initial congestion window must be at least one packet");
            }
        }

        /** A client: one control stream it opens itself, none from the relay. */
        public static Settings client() {
            return new Settings(IDLE_TIMEOUT, 4096, 1024, 1000, 4L << 20, 1L << 20, 0);
        }

        /** A relay: each client may open exactly one bidirectional stream, the control stream. */
        public static Settings relay() {
            return new Settings(IDLE_TIMEOUT, 1024, 1024, 1000, 4L << 20, 1L << 20, 1);
        }

        public Settings withIdleTimeout(Duration timeout) {
            return new Settings(timeout, datagramReceiveQueue, datagramSendQueue, initialCongestionWindowPackets,
                    initialMaxData, initialMaxStreamData, maxPeerBidirectionalStreams);
        }

        public Settings withDatagramQueues(int receive, int send) {
            return new Settings(idleTimeout, receive, send, initialCongestionWindowPackets,
                    initialMaxData, initialMaxStreamData, maxPeerBidirectionalStreams);
        }

        public Settings withInitialCongestionWindowPackets(int packets) {
            return new Settings(idleTimeout, datagramReceiveQueue, datagramSendQueue, packets,
                    initialMaxData, initialMaxStreamData, maxPeerBidirectionalStreams);
        }

        /** Applies these settings to a Netty QUIC codec builder (client or server). */
        public <B extends QuicCodecBuilder<B>> B applyTo(B builder) {
            return builder
                    .maxIdleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .datagram(datagramReceiveQueue, datagramSendQueue)
                    .initialCongestionWindowPackets(initialCongestionWindowPackets)
                    .initialMaxData(initialMaxData)
                    .initialMaxStreamDataBidirectionalLocal(initialMaxStreamData)
                    .initialMaxStreamDataBidirectionalRemote(initialMaxStreamData)
                    .initialMaxStreamDataUnidirectional(0)
                    .initialMaxStreamsBidirectional(maxPeerBidirectionalStreams)
                    .initialMaxStreamsUnidirectional(0)
                    .activeMigration(false);
        }
    }

    /**
     * A server token handler that never asks for address validation with a Retry: a Parley client
     * connects once per call and the extra round trip buys little, since quiche already limits what
     * it sends to an unvalidated address to three times what it received.
     */
    public static QuicTokenHandler noRetryTokenHandler() {
        return NoRetry.INSTANCE;
    }

    private enum NoRetry implements QuicTokenHandler {
        INSTANCE;

        @Override
        public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
            return false;
        }

        @Override
        public int validateToken(ByteBuf token, InetSocketAddress address) {
            return 0;
        }

        @Override
        public int maxTokenLength() {
            return 0;
        }
    }
}
