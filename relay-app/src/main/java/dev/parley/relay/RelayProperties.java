package dev.parley.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Every {@code parley.relay.*} setting. {@code config/application.yml} lists them all with these
 * defaults.
 *
 * @param bindAddress address the UDP socket binds to
 * @param port UDP port; 0 picks a free one (tests)
 * @param tls certificate and key
 * @param access who may join
 * @param limits per-room, per-relay and per-member limits
 * @param egress per-member outgoing media queues
 * @param quic QUIC transport tuning
 * @param shutdownGrace how long members get to receive Error 7 before the relay closes anyway
 * @param cluster several relays sharing the rooms through Redis (PROTOCOL.md section 10); off by default
 */
@ConfigurationProperties("parley.relay")
public record RelayProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("4433") int port,
        @DefaultValue Tls tls,
        @DefaultValue Access access,
        @DefaultValue Limits limits,
        @DefaultValue Egress egress,
        @DefaultValue Quic quic,
        @DefaultValue("1s") Duration shutdownGrace,
        @DefaultValue Cluster cluster) {

    public RelayProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("parley.relay.port must be in 0..65535");
        }
        int minSendQueue = (int) (egress.maxQuicBacklog().toBytes() / MIN_MEDIA_DATAGRAM) + 1;
        if (quic.datagramSendQueue() < minSendQueue) {
            // quiche drops a datagram silently when its send queue is full; the egress gate never
            // hands it more than max-quic-backlog bytes, so the queue must hold that many of the
            // smallest datagrams
            throw new IllegalArgumentException("parley.relay.quic.datagram-send-queue must be at least "
                    + minSendQueue + " for parley.relay.egress.max-quic-backlog=" + egress.maxQuicBacklog());
        }
    }

    /** The smallest valid media datagram: header and tag. */
    public static final int MIN_MEDIA_DATAGRAM = 38 + 16;

    /**
     * @param certificate PEM certificate chain (leaf first), e.g. Let's Encrypt's fullchain.pem;
     *                    empty to use a self-signed certificate
     * @param privateKey PEM private key of the certificate (PKCS#8 or traditional, unencrypted)
     * @param directory where the self-signed certificate is generated on first start and reused
     * @param commonName host name written into a generated certificate
     */
    public record Tls(@DefaultValue("") String certificate, @DefaultValue("") String privateKey,
                      @DefaultValue("config/tls") String directory, @DefaultValue("localhost") String commonName) {
        public boolean hasConfiguredCertificate() {
            return !certificate.isBlank() || !privateKey.isBlank();
        }
    }

    /**
     * @param mode open: anyone may join any room (any token, the empty one included); token: Auth
     *             must carry a JWT (HS256) signed with the secret, with exp, and optionally a
     *             {@code room} claim limiting it to one room id
     * @param tokenSecret HS256 secret, at least 32 bytes of UTF-8; required in token mode
     * @param clockSkew tolerance when checking exp
     */
    public record Access(@DefaultValue("open") Mode mode, @DefaultValue("") String tokenSecret,
                         @DefaultValue("30s") Duration clockSkew) {
        public enum Mode { OPEN, TOKEN }

        @Override
        public String toString() {
            return "Access[mode=" + mode + ", tokenSecret=<redacted>, clockSkew=" + clockSkew + "]";
        }
    }

    /**
     * @param maxRooms rooms that may exist at once; a JoinRoom that would create one more gets Error 3
     * @param maxMembersPerRoom members of one room; one more gets Error 3
     * @param maxConnections QUIC connections at once, joined or not; one more is closed right away
     *                       (CONNECTION_CLOSE with application code 3)
     * @param controlMessagesPerSecond control messages one connection may send in any one-second
     *                                 window (sliding, handshake included); one more gets Error 5
     * @param mediaPacketsPerSecond media datagrams per second one member may send (burst: one
     *                              second's worth); beyond it datagrams are dropped and counted
     * @param mediaBytesPerSecond media bytes per second one member may send, likewise
     * @param abuseSeconds consecutive seconds with media dropped for exceeding the rate limit after
     *                     which the member gets Error 5
     * @param joinTimeout time from the handshake to JoinRoom before Error 6
     */
    public record Limits(@DefaultValue("10000") int maxRooms, @DefaultValue("50") int maxMembersPerRoom,
                         @DefaultValue("20000") int maxConnections,
                         @DefaultValue("100") int controlMessagesPerSecond,
                         @DefaultValue("1000") int mediaPacketsPerSecond,
                         @DefaultValue("1250000B") DataSize mediaBytesPerSecond,
                         @DefaultValue("5") int abuseSeconds, @DefaultValue("10s") Duration joinTimeout) {
        public Limits {
            if (maxRooms < 1 || maxMembersPerRoom < 1 || maxConnections < 1 || controlMessagesPerSecond < 1
                    || mediaPacketsPerSecond < 1 || mediaBytesPerSecond.toBytes() < 1100 || abuseSeconds < 1) {
                throw new IllegalArgumentException("parley.relay.limits.* must be positive "
                        + "(media-bytes-per-second at least one full datagram, 1100B)");
            }
        }
    }

    /**
     * @param maxQueueDelay a datagram that waited this long in a member's queue is dropped for that
     *                      member only
     * @param maxQueueDatagrams datagrams one member's queue holds; when full the oldest is dropped
     * @param maxQuicBacklog datagram bytes handed to QUIC for one member and not yet sent, beyond which
     *                       the relay keeps them in its own queue (where the delay rule applies)
     * @param maxControlBacklog control-stream bytes waiting for one member beyond which it is
     *                          disconnected as too slow
     * @param retryInterval how often members with queued datagrams are retried
     * @param coalesceWindow how long a datagram may wait for others to the same member so that they
     *                       travel in one QUIC packet (one encryption, one UDP packet, one
     *                       acknowledgement), in rooms of three or more; zero sends at the end of
     *                       each read batch
     */
    public record Egress(@DefaultValue("100ms") Duration maxQueueDelay, @DefaultValue("512") int maxQueueDatagrams,
                         @DefaultValue("16KB") DataSize maxQuicBacklog, @DefaultValue("1MB") DataSize maxControlBacklog,
                         @DefaultValue("5ms") Duration retryInterval, @DefaultValue("4ms") Duration coalesceWindow) {
        public Egress {
            if (coalesceWindow.isNegative() || coalesceWindow.compareTo(Duration.ofMillis(20)) > 0) {
                throw new IllegalArgumentException("parley.relay.egress.coalesce-window must be 0 to 20ms");
            }
            if (maxQueueDatagrams < 1 || maxQuicBacklog.toBytes() < 1100 || maxControlBacklog.toBytes() < 65540
                    || maxQueueDelay.isNegative() || maxQueueDelay.isZero() || retryInterval.isZero()) {
                throw new IllegalArgumentException("parley.relay.egress.* out of range (max-quic-backlog at least "
                        + "1100B, max-control-backlog at least one frame, 65540B)");
            }
        }
    }

    /**
     * @param idleTimeout QUIC idle timeout (clients keep alive every 10 s)
     * @param datagramReceiveQueue datagrams quiche holds per connection until the relay reads them
     * @param datagramSendQueue datagrams quiche holds per connection until congestion control lets
     *                          them out
     * @param initialCongestionWindowPackets quiche's initial congestion window
     * @param socketReceiveBuffer UDP SO_RCVBUF (the kernel may cap it: net.core.rmem_max)
     * @param socketSendBuffer UDP SO_SNDBUF (net.core.wmem_max)
     * @param nativeTransport use epoll where available, else Java NIO
     * @param batchIo with epoll: read up to {@value dev.parley.common.quic.UdpBatching#READ_BATCH}
     *                packets per {@code recvmmsg} call, and send everything QUIC produced in one
     *                event-loop turn with {@code sendmmsg} instead of one {@code sendmsg} per member
     * @param eventLoops with epoll: event loops (threads), each with its own UDP socket on the same
     *                   port ({@code SO_REUSEPORT}); 0, the default, means one per available
     *                   processor, and is replaced by that number here. NIO always uses one
     */
    public record Quic(@DefaultValue("30s") Duration idleTimeout, @DefaultValue("1024") int datagramReceiveQueue,
                       @DefaultValue("1024") int datagramSendQueue,
                       @DefaultValue("1000") int initialCongestionWindowPackets,
                       @DefaultValue("4MB") DataSize socketReceiveBuffer, @DefaultValue("4MB") DataSize socketSendBuffer,
                       @DefaultValue("true") boolean nativeTransport, @DefaultValue("true") boolean batchIo,
                       @DefaultValue("0") int eventLoops) {
        /** More would not fit the socket index Netty writes into connection ids (and serve no machine). */
        public static final int MAX_EVENT_LOOPS = 1024;

        public Quic {
            if (eventLoops < 0 || eventLoops > MAX_EVENT_LOOPS) {
                throw new IllegalArgumentException("parley.relay.quic.event-loops must be 0 (one per available "
                        + "processor) to " + MAX_EVENT_LOOPS);
            }
            if (eventLoops == 0) {
                eventLoops = Runtime.getRuntime().availableProcessors();
            }
        }
    }

    /**
     * @param redis Redis URL of the cluster's directory ({@code redis://[user:password@]host:port[/db]},
     *              {@code rediss://} for TLS); empty: the relay runs alone and never connects to Redis
     * @param advertisedHost host name or address that other relays send clients to in a Redirect;
     *                       empty: the bind address, or this machine's host name when that is a
     *                       wildcard address
     * @param advertisedPort UDP port clients are redirected to; 0: the listening port
     * @param refreshInterval how often the relay renews its registration and its rooms' keys
     * @param relayTtl how long a registration lives without renewal: a relay that stops renewing
     *                 counts as dead after this long
     * @param roomTtl how long a room's key lives without renewal by its owner
     * @param placeElsewhereAbove members on this relay above which a new room goes to the least
     *                            loaded live relay instead (a Redirect); that relay claims it
     * @param timeout the longest one directory call may take; a join never waits longer on Redis
     * @param keyPrefix prefix of every key in Redis, so that several deployments can share one
     */
    public record Cluster(@DefaultValue("") String redis, @DefaultValue("") String advertisedHost,
                          @DefaultValue("0") int advertisedPort, @DefaultValue("2s") Duration refreshInterval,
                          @DefaultValue("6s") Duration relayTtl, @DefaultValue("10s") Duration roomTtl,
                          @DefaultValue("500") int placeElsewhereAbove, @DefaultValue("500ms") Duration timeout,
                          @DefaultValue("parley:") String keyPrefix) {
        public Cluster {
            if (advertisedPort < 0 || advertisedPort > 65535 || placeElsewhereAbove < 0
                    || !isPositive(refreshInterval) || !isPositive(timeout)) {
                throw new IllegalArgumentException("parley.relay.cluster.* out of range (advertised-port 0..65535, "
                        + "place-elsewhere-above at least 0, refresh-interval and timeout positive)");
            }
            if (relayTtl.compareTo(refreshInterval) <= 0 || roomTtl.compareTo(refreshInterval) <= 0) {
                throw new IllegalArgumentException("parley.relay.cluster.relay-ttl and room-ttl must be longer "
                        + "than refresh-interval, or every key expires between two renewals");
            }
        }

        /** Whether this relay is part of a cluster (a Redis URL is set). */
        public boolean enabled() {
            return !redis.isBlank();
        }

        /** The Redis URL without its password, for logs and health. */
        public String redisForDisplay() {
            return redis.replaceFirst("(?<=://)[^@/]*@", "***@");
        }

        private static boolean isPositive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }

        @Override
        public String toString() {
            return "Cluster[redis=" + redisForDisplay() + ", advertisedHost=" + advertisedHost + ", advertisedPort="
                    + advertisedPort + ", refreshInterval=" + refreshInterval + ", relayTtl=" + relayTtl
                    + ", roomTtl=" + roomTtl + ", placeElsewhereAbove=" + placeElsewhereAbove + ", timeout=" + timeout
                    + ", keyPrefix=" + keyPrefix + "]";
        }
    }
}
