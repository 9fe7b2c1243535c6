package dev.parley.common.quic;

import io.netty.channel.EventLoopGroup;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Tuning of a {@link RelayConnection}. {@link #defaults()} is what a desktop client uses.
 *
 * @param transport the QUIC codec settings
 * @param keepAliveInterval how long the connection may send nothing before a keep-alive goes out
 * @param connectTimeout how long the handshake and the opening of the control stream may take
 * @param eventLoopGroup a group to run the connection's I/O on, shared by many connections (a load
 *                       generator); null to give the connection a one-thread group of its own,
 *                       shut down when it closes
 * @param deliveryExecutor where the listener is called. Any executor keeps the order of events:
 *                         a connection never submits its next delivery task before the previous
 *                         one has finished. Null for a daemon thread of the connection's own.
 *                         {@code Runnable::run} calls the listener directly on the event loop (no
 *                         hand-off, e.g. for a load generator timing deliveries); the listener
 *                         must then return at once and never block.
 * @param maxPendingDatagrams received datagrams waiting for the listener beyond which new ones are
 *                            dropped (and counted) instead of queued
 * @param readInterval once connected, read the socket this often, everything waiting at once,
 *                     instead of as each datagram arrives; zero reads as they arrive. Every wake-up
 *                     of the event loop costs a context switch, an epoll_wait and, because quiche
 *                     acknowledges whatever it received at the next flush, an ACK packet (a quiche
 *                     send, a sendto): batching divides all of it by the datagrams per batch. A
 *                     receiver that plays out on a fixed tick anyway (a call, every 20 ms) loses
 *                     little by it; every datagram waits up to the interval longer, and RTT samples
 *                     grow by as much
 * @param silenceTimeout see {@link #SILENCE_TIMEOUT}
 */
public record RelayClientOptions(QuicTransport.Settings transport, Duration keepAliveInterval,
                                 Duration connectTimeout, EventLoopGroup eventLoopGroup,
                                 Executor deliveryExecutor, int maxPendingDatagrams, Duration readInterval,
                                 Duration silenceTimeout) {
    /**
     * How long the relay may say nothing at all (not even an ACK of the probes sent after a second of
     * silence) before the connection is taken for lost: a relay that died without a word is noticed
     * in seconds, not at the 30 s idle timeout, and the call reconnects (PROTOCOL.md section 10).
     */
    public static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(4);

    public RelayClientOptions {
        if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
            throw new IllegalArgumentException("keep-alive interval must be positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        if (maxPendingDatagrams < 1) {
            throw new IllegalArgumentException("maxPendingDatagrams must be positive");
        }
        if (readInterval.isNegative()) {
            throw new IllegalArgumentException("read interval must not be negative");
        }
        if (silenceTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("the silence timeout must be at least 2 s");
        }
    }

    public static RelayClientOptions defaults() {
        return new RelayClientOptions(QuicTransport.Settings.client(), QuicTransport.KEEPALIVE_INTERVAL,
                Duration.ofSeconds(10), null, null, 2048, Duration.ZERO, SILENCE_TIMEOUT);
    }

    public RelayClientOptions withTransport(QuicTransport.Settings settings) {
        return new RelayClientOptions(settings, keepAliveInterval, connectTimeout, eventLoopGroup,
                deliveryExecutor, maxPendingDatagrams, readInterval, silenceTimeout);
    }

    public RelayClientOptions withKeepAliveInterval(Duration interval) {
        return new RelayClientOptions(transport, interval, connectTimeout, eventLoopGroup, deliveryExecutor,
                maxPendingDatagrams, readInterval, silenceTimeout);
    }

    public RelayClientOptions withConnectTimeout(Duration timeout) {
        return new RelayClientOptions(transport, keepAliveInterval, timeout, eventLoopGroup, deliveryExecutor,
                maxPendingDatagrams, readInterval, silenceTimeout);
    }

    public RelayClientOptions withEventLoopGroup(EventLoopGroup group) {
        return new RelayClientOptions(transport, keepAliveInterval, connectTimeout, group, deliveryExecutor,
                maxPendingDatagrams, readInterval, silenceTimeout);
    }

    public RelayClientOptions withDeliveryExecutor(Executor executor) {
        return new RelayClientOptions(transport, keepAliveInterval, connectTimeout, eventLoopGroup, executor,
                maxPendingDatagrams, readInterval, silenceTimeout);
    }

    public RelayClientOptions withMaxPendingDatagrams(int max) {
        return new RelayClientOptions(transport, keepAliveInterval, connectTimeout, eventLoopGroup,
                deliveryExecutor, max, readInterval, silenceTimeout);
    }

    public RelayClientOptions withReadInterval(Duration interval) {
        return new RelayClientOptions(transport, keepAliveInterval, connectTimeout, eventLoopGroup,
                deliveryExecutor, maxPendingDatagrams, interval, silenceTimeout);
    }

    public RelayClientOptions withSilenceTimeout(Duration timeout) {
        return new RelayClientOptions(transport, keepAliveInterval, connectTimeout, eventLoopGroup,
                deliveryExecutor, maxPendingDatagrams, readInterval, timeout);
    }
}
