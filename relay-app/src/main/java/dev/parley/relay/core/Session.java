package dev.parley.relay.core;

import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.relay.access.AccessPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;

/**
 * One client connection and, once joined, one member of a room. Confined to the event loop that
 * owns its QUIC connection ({@link #loop()}): every mutable field is read and written there only,
 * so nothing here is synchronized. Other loops read only what is fixed before the member is
 * published in a room snapshot (peer id, card, loop) and call nothing else on it: whatever they
 * want done to it travels to its loop through the {@link Forwarder}.
 */
public final class Session {

    /** Where the connection is in the control-stream state machine (PROTOCOL.md section 5.2). */
    public enum State {
        /** Handshake done, waiting for Hello. */
        AWAIT_HELLO,
        /** Hello accepted, waiting for Auth. */
        AWAIT_AUTH,
        /** Auth accepted, waiting for JoinRoom. */
        AWAIT_JOIN,
        /** JoinRoom received; in a cluster, waiting for the directory to say where the room lives. */
        JOINING,
        /** PeerList sent: a member of a room. */
        JOINED,
        /** Leaving: Leave, an Error, a lost connection or shutdown. Nothing more is processed. */
        CLOSING
    }

    final QuicChannel quic;
    /** The forwarding state of the event loop that owns this connection. */
    final ForwardingLoop lane;
    final long connectedAtNanos;
    final Egress egress;
    final MediaLimiter media;
    private final SlidingWindow controlWindow;
    QuicStreamChannel control;
    State state = State.AWAIT_HELLO;
    AccessPolicy.Granted grant;
    Room room;
    /** Set by the registry on join: the room's membership right after this member joined. */
    Room.Members peersAtJoin;
    long peerId;
    MemberCard card;
    InetSocketAddress address;
    ScheduledFuture<?> joinTimeout;
    ScheduledFuture<?> closeTimer;

    Session(QuicChannel quic, ForwardingLoop lane, Egress.Config egressConfig, MediaLimiter media,
            int controlMessagesPerSecond, long nowNanos) {
        this.quic = quic;
        this.lane = lane;
        this.connectedAtNanos = nowNanos;
        this.egress = new Egress(this, egressConfig);
        this.media = media;
        this.controlWindow = new SlidingWindow(controlMessagesPerSecond, 1_000_000_000L);
        this.address = (InetSocketAddress) quic.remoteSocketAddress();
    }

    /** The index of the event loop that owns this connection (0 with one loop). */
    public int loop() {
        return lane == null ? 0 : lane.index();
    }

    public State state() {
        return state;
    }

    public boolean isJoined() {
        return state == State.JOINED;
    }

    public boolean isClosing() {
        return state == State.CLOSING;
    }

    /** This member's peer id; 0 before JoinRoom. */
    public long peerId() {
        return peerId;
    }

    PeerId peerIdValue() {
        return new PeerId(peerId);
    }

    public Room room() {
        return room;
    }

    public QuicChannel channel() {
        return quic;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Updates the peer's UDP address if QUIC saw it change (NAT rebinding); true when it changed. */
    public boolean refreshAddress() {
        Object current = quic.remoteSocketAddress();
        if (current instanceof InetSocketAddress a && !a.equals(address)) {
            address = a;
            return true;
        }
        return false;
    }

    /** The control stream, once the client has opened it. */
    public QuicStreamChannel controlStream() {
        return control;
    }

    /** Called by the server when the client opens its (only) control stream. */
    public void attachControlStream(QuicStreamChannel stream) {
        this.control = stream;
    }

    public Egress egress() {
        return egress;
    }

    /** Records one control message; false when it is one too many for the sliding window. */
    boolean allowControlMessage(long nowNanos) {
        return controlWindow.tryAdd(nowNanos);
    }

    /**
     * Writes one framed control message to this member's control stream. False when it cannot
     * (no stream, closed) or when the member is not reading its control stream and the backlog has
     * passed the limit; the caller then disconnects it. Takes ownership of {@code frame}.
     */
    boolean writeControl(ByteBuf frame) {
        QuicStreamChannel c = control;
        if (c == null || !c.isActive() || !c.isWritable()) {
            frame.release();
            return false;
        }
        c.writeAndFlush(frame, c.voidPromise());
        return true;
    }

    @Override
    public String toString() {
        return "Session[" + address + ", " + state + (peerId != 0 ? ", peer " + peerId : "")
                + (room != null ? ", room " + room.id() : "") + "]";
    }

    /** At most {@code limit} events in any window of {@code windowNanos}. */
    static final class SlidingWindow {
        private final long[] times;
        private final long windowNanos;
        private int next;
        private int count;

        SlidingWindow(int limit, long windowNanos) {
            this.times = new long[limit];
            this.windowNanos = windowNanos;
        }

        boolean tryAdd(long now) {
            if (count < times.length) {
                times[(next + count) % times.length] = now;
                count++;
                return true;
            }
            // the oldest of the last `limit` events
            if (now - times[next] < windowNanos) {
                return false;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            return true;
        }
    }
}
