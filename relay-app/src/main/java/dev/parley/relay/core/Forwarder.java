package dev.parley.relay.core;

import dev.parley.relay.RelayProperties;
import dev.parley.relay.ops.RelayMetrics;
import dev.parley.relay.ops.RelayMetrics.DatagramDrop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Media datagrams (PROTOCOL.md section 6, relay rules): checks each one against its connection and
 * queues the same bytes, never copied, for every other member of the room; each member's
 * {@link Egress} then hands them to QUIC. The work is split by event loop: each loop's
 * {@link ForwardingLoop} forwards what its connections receive and drains its members' queues, and
 * members served by other loops get their share through a {@link LoopHandoff}, in batches.
 *
 * <p>Everything a loop asks of a member served by another loop, media or control, travels through
 * that one ordered handoff, which is what keeps PROTOCOL.md 5.2's ordering across loops (see
 * {@link ControlHandler}).
 */
@Component
public class Forwarder {
    final RelayMetrics metrics;
    final long retryNanos;
    final int abuseSeconds;
    final long coalesceNanos;
    private final Egress.Config egressConfig;
    volatile AbuseHandler abuseHandler = s -> { };
    private volatile ForwardingLoop[] lanes = {};

    /** Told when a member has sent media above its rate limit for too long. */
    public interface AbuseHandler {
        void mediaAbuse(Session session);
    }

    public Forwarder(RelayProperties properties, RelayMetrics metrics) {
        this.metrics = metrics;
        RelayProperties.Egress e = properties.egress();
        this.egressConfig = new Egress.Config(e.maxQueueDelay().toNanos(), e.maxQueueDatagrams(),
                e.maxQuicBacklog().toBytes(), metrics);
        this.retryNanos = e.retryInterval().toNanos();
        this.abuseSeconds = properties.limits().abuseSeconds();
        this.coalesceNanos = e.coalesceWindow().toNanos();
    }

    Egress.Config egressConfig() {
        return egressConfig;
    }

    /** The event loops that own connections, one {@link ForwardingLoop} each; set by the server before it binds. */
    public void attach(List<? extends EventLoop> loops, AbuseHandler abuseHandler) {
        this.abuseHandler = abuseHandler;
        ForwardingLoop[] all = new ForwardingLoop[loops.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = new ForwardingLoop(i, loops.get(i), this);
        }
        for (ForwardingLoop l : all) {
            l.connect(all);
        }
        lanes = all;
    }

    /** One loop only. */
    public void attach(EventLoop loop, AbuseHandler abuseHandler) {
        attach(List.of(loop), abuseHandler);
    }

    /** The forwarding state of {@code loop}, which must be attached. */
    ForwardingLoop lane(EventLoop loop) {
        for (ForwardingLoop l : lanes) {
            if (l.loop() == loop) {
                return l;
            }
        }
        throw new IllegalStateException("event loop not attached: " + loop);
    }

    /** One datagram received on a connection, on its loop; takes ownership of {@code datagram}. */
    public void onDatagram(Session from, ByteBuf datagram) {
        from.lane.onDatagram(from, datagram);
    }

    /** The end of a read batch on {@code session}'s loop: hand over and drain what it forwarded. */
    public void flush(Session session) {
        session.lane.flush();
    }

    /** quiche sent {@code bytes} to {@code session} (on its loop): credit its backlog. */
    public void emitted(Session session, int bytes) {
        session.lane.emitted(session, bytes);
    }

    /** A connection is gone, on its loop: release what was queued for it. */
    void closed(Session session) {
        session.egress.clear(DatagramDrop.RECEIVER_GONE);
    }
}
