package dev.parley.relay.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The relay's Micrometer meters (all named {@code parley.relay.*}). Counters on the forwarding path
 * are looked up once and kept in fields. Tags carry categories only (reason, type, code,
 * direction): never a room id, peer id, token or name, so cardinality stays fixed.
 */
@Component
public class RelayMetrics {

    /** Why a media datagram was not forwarded (to anyone, or to one member). */
    public enum DatagramDrop {
        /** The connection has not joined a room. */
        NOT_JOINED,
        /** Breaks a rule of PROTOCOL.md section 6. */
        MALFORMED,
        /** room_id is not the connection's room. */
        WRONG_ROOM,
        /** sender_id is not the connection's peer id. */
        WRONG_SENDER,
        /** The sender exceeded its media rate limit. */
        RATE_LIMITED,
        /** A member's queue was full; the oldest datagram in it was dropped. */
        QUEUE_FULL,
        /** It waited longer than the queue delay limit for one member. */
        QUEUE_DELAY,
        /** Its sender left before it could be forwarded to a member. */
        SENDER_LEFT,
        /** The receiving member's connection was closing. */
        RECEIVER_GONE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a control message from a member was not forwarded (it is not a protocol violation). */
    public enum ControlDrop {
        /** Its sender_id is not the connection's peer id. */
        WRONG_SENDER,
        /** A key message whose room_id is not the connection's room. */
        WRONG_ROOM,
        /** The target is not another current member of the room. */
        UNKNOWN_TARGET;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter connectionsAccepted;
    private final Counter connectionsRefused;
    private final Counter datagramsIn;
    private final Counter datagramBytesIn;
    private final Counter datagramsOut;
    private final Counter datagramBytesOut;
    private final Counter keepAlives;
    private final Counter udpPacketsOut;
    private final Map<DatagramDrop, Counter> datagramDrops = new EnumMap<>(DatagramDrop.class);
    private final Map<ControlDrop, Counter> controlDrops = new EnumMap<>(ControlDrop.class);
    private final Map<String, Counter> controlIn = new ConcurrentHashMap<>();
    private final Map<String, Counter> controlForwarded = new ConcurrentHashMap<>();
    private final Map<String, Counter> keyMessagesForwarded = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> errorsSent = new ConcurrentHashMap<>();
    private final Counter slowMembersDisconnected;
    private final DistributionSummary clientRtt;
    private final DistributionSummary clientLoss;
    private final DistributionSummary clientJitter;
    private final DistributionSummary clientBitrateIn;
    private final DistributionSummary clientBitrateOut;

    public RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
        connectionsAccepted = Counter.builder("parley.relay.connections.accepted")
                .description("QUIC connections that completed the handshake").register(registry);
        connectionsRefused = Counter.builder("parley.relay.connections.refused")
                .description("Connections closed at once because the relay had max-connections").register(registry);
        datagramsIn = Counter.builder("parley.relay.datagrams").tag("direction", "in")
                .description("Media datagrams received (in) and forwarded to members (out)").register(registry);
        datagramBytesIn = Counter.builder("parley.relay.datagram.bytes").tag("direction", "in").baseUnit("bytes")
                .description("Media datagram bytes received (in) and forwarded to members (out)").register(registry);
        datagramsOut = Counter.builder("parley.relay.datagrams").tag("direction", "out").register(registry);
        datagramBytesOut = Counter.builder("parley.relay.datagram.bytes").tag("direction", "out").baseUnit("bytes")
                .register(registry);
        udpPacketsOut = Counter.builder("parley.relay.udp.packets").tag("direction", "out")
                .description("UDP packets sent: QUIC packets, each carrying one or more datagrams, "
                        + "acknowledgements or control data").register(registry);
        keepAlives = Counter.builder("parley.relay.keepalives")
                .description("Client keep-alive datagrams received").register(registry);
        for (DatagramDrop d : DatagramDrop.values()) {
            datagramDrops.put(d, Counter.builder("parley.relay.datagrams.dropped").tag("reason", d.tag())
                    .description("Media datagrams not forwarded, by reason (per member for queue drops)")
                    .register(registry));
        }
        for (ControlDrop d : ControlDrop.values()) {
            controlDrops.put(d, Counter.builder("parley.relay.control.dropped").tag("reason", d.tag())
                    .description("Control messages not forwarded, by reason").register(registry));
        }
        slowMembersDisconnected = Counter.builder("parley.relay.members.disconnected.slow")
                .description("Members disconnected because their control stream backed up").register(registry);
        clientRtt = DistributionSummary.builder("parley.relay.client.rtt").baseUnit("milliseconds")
                .description("rtt_ms reported by clients in StatsReport").register(registry);
        clientLoss = DistributionSummary.builder("parley.relay.client.loss")
                .description("loss (0..1) reported by clients in StatsReport").register(registry);
        clientJitter = DistributionSummary.builder("parley.relay.client.jitter").baseUnit("milliseconds")
                .description("jitter_ms reported by clients in StatsReport").register(registry);
        clientBitrateIn = DistributionSummary.builder("parley.relay.client.bitrate").tag("direction", "in")
                .baseUnit("bits/s").description("bitrate_in and bitrate_out reported by clients in StatsReport")
                .register(registry);
        clientBitrateOut = DistributionSummary.builder("parley.relay.client.bitrate").tag("direction", "out")
                .baseUnit("bits/s").register(registry);
    }

    /** Registers a gauge read on scrape (connections, rooms, members). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void connectionAccepted() {
        connectionsAccepted.increment();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public void datagramIn(int bytes) {
        datagramsIn.increment();
        datagramBytesIn.increment(bytes);
    }

    /** QUIC sent one UDP packet. */
    public void udpPacketOut() {
        udpPacketsOut.increment();
    }

    public void datagramOut(int bytes) {
        datagramsOut.increment();
        datagramBytesOut.increment(bytes);
    }

    public void keepAlive() {
        keepAlives.increment();
    }

    public void dropped(DatagramDrop reason) {
        datagramDrops.get(reason).increment();
    }

    public void dropped(DatagramDrop reason, int count) {
        datagramDrops.get(reason).increment(count);
    }

    public void dropped(ControlDrop reason) {
        controlDrops.get(reason).increment();
    }

    /** A control message received, by its type ({@code invalid} when it did not decode). */
    public void controlIn(String type) {
        controlIn.computeIfAbsent(type, t -> Counter.builder("parley.relay.control.messages").tag("type", t)
                .description("Control messages received, by type").register(registry)).increment();
    }

    /** A control message forwarded to {@code recipients} members. */
    public void controlForwarded(String type, int recipients) {
        controlForwarded.computeIfAbsent(type, t -> Counter.builder("parley.relay.control.forwarded").tag("type", t)
                .description("Control message copies forwarded to members, by type").register(registry))
                .increment(recipients);
    }

    /** A KeyDistribute or KeyRotate forwarded to the room. */
    public void keyMessageForwarded(String type) {
        keyMessagesForwarded.computeIfAbsent(type, t -> Counter.builder("parley.relay.key.messages.forwarded")
                .tag("type", t).description("Key messages forwarded to the room, by type").register(registry))
                .increment();
    }

    public void errorSent(int code) {
        errorsSent.computeIfAbsent(code, c -> Counter.builder("parley.relay.errors").tag("code", Integer.toString(c))
                .description("Error messages sent, by code").register(registry)).increment();
    }

    public void slowMemberDisconnected() {
        slowMembersDisconnected.increment();
    }

    public void statsReport(long rttMs, double loss, double jitterMs, long bitrateIn, long bitrateOut) {
        clientRtt.record(rttMs);
        if (Double.isFinite(loss)) {
            clientLoss.record(loss);
        }
        if (Double.isFinite(jitterMs)) {
            clientJitter.record(jitterMs);
        }
        clientBitrateIn.record(bitrateIn);
        clientBitrateOut.record(bitrateOut);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
