package dev.parley.relay.core;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.Auth;
import dev.parley.common.domain.ControlMessage.Hello;
import dev.parley.common.domain.ControlMessage.JoinRoom;
import dev.parley.common.domain.ControlMessage.KeyMessage;
import dev.parley.common.domain.ControlMessage.Leave;
import dev.parley.common.domain.ControlMessage.ReceiverReport;
import dev.parley.common.domain.ControlMessage.StatsReport;
import dev.parley.common.domain.ControlMessage.VideoKeyframeRequest;
import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;
import dev.parley.common.quic.ControlFrameEncoder;
import dev.parley.common.wire.ControlCodec;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.access.AccessPolicy;
import dev.parley.relay.ops.RelayMetrics;
import dev.parley.relay.ops.RelayMetrics.ControlDrop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The control-stream state machine (PROTOCOL.md section 5.2, relay side):
 * {@code Hello -> Auth -> JoinRoom -> PeerList}, then forwarding, then {@code Leave}. Out-of-order,
 * malformed and unexpected messages get {@code Error 1}; {@code Error} is always followed by closing
 * the connection within one second. In a cluster, JoinRoom for a room that another relay hosts is
 * answered with {@code Redirect} instead (PROTOCOL.md section 10, {@link RoomPlacement}).
 *
 * <p>Forwarded messages go out byte for byte: the relay frames the payload it received, once, and
 * writes the same bytes to every recipient.
 *
 * <p>Ordering across event loops. Each connection, its control stream and its datagrams are
 * handled on the one loop that owns it, and everything is done to a member on that member's loop.
 * What one loop does to members of another (media, PeerJoined, PeerLeft, forwarded messages)
 * travels through the single ordered {@link LoopHandoff} between the two, so each member sees
 * what comes from one sender in the order that sender's loop produced it. Joins and leaves take
 * the registry's lock, and each returns the room's membership right after it: the joiner's
 * PeerList and the others' PeerJoined are built from that one snapshot, so two members joining
 * at once on different loops each learn of the other exactly once (the later one from its
 * PeerList, the earlier one from a PeerJoined), and a PeerLeft goes to exactly those who knew of
 * the leaver.
 * <ul>
 *   <li>Joining: the joiner's PeerList is written on its loop before that loop reads anything
 *   else, and the PeerJoined for every other member is handed to that member's loop during the
 *   join, so it is ahead of anything the joiner sends later in the same handoff.</li>
 *   <li>Leaving: the leaver is taken out of the room first (no datagram from it is forwarded after
 *   that), then, on each remaining member's loop, behind every datagram already handed over from
 *   the leaver, that member's queue is handed to QUIC, what is still queued from the leaver is
 *   dropped, and PeerLeft is written.</li>
 * </ul>
 */
@Component
public class ControlHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);
    /** Error messages stay short: they end up in client logs. */
    private static final int MAX_ERROR_TEXT = 200;

    private final RoomRegistry registry;
    private final Forwarder forwarder;
    private final AccessPolicy access;
    private final RelayMetrics metrics;
    private final RelayProperties properties;
    /** Null when this relay runs alone: then every room is hosted here. */
    private final RoomPlacement placement;

    public ControlHandler(RoomRegistry registry, Forwarder forwarder, AccessPolicy access, RelayMetrics metrics,
                          RelayProperties properties, ObjectProvider<RoomPlacement> placement) {
        this.registry = registry;
        this.forwarder = forwarder;
        this.access = access;
        this.metrics = metrics;
        this.properties = properties;
        this.placement = placement.getIfAvailable();
    }

    /** A new connection finished its handshake. */
    public Session connected(QuicChannel quic) {
        long now = System.nanoTime();
        RelayProperties.Limits limits = properties.limits();
        MediaLimiter media = new MediaLimiter(limits.mediaPacketsPerSecond(), limits.mediaBytesPerSecond().toBytes(),
                now);
        Session session = new Session(quic, forwarder.lane(quic.eventLoop()), forwarder.egressConfig(), media,
                limits.controlMessagesPerSecond(), now);
        session.joinTimeout = quic.eventLoop().schedule(() -> {
            if (!session.isJoined() && !session.isClosing()) {
                fail(session, ErrorCode.JOIN_TIMEOUT, "no JoinRoom within "
                        + limits.joinTimeout().toMillis() + " ms of the handshake");
            }
        }, limits.joinTimeout().toNanos(), TimeUnit.NANOSECONDS);
        return session;
    }

    /** One control frame's payload from the session's control stream. */
    public void onFrame(Session session, byte[] payload) {
        if (session.isClosing()) {
            return;
        }
        if (!session.allowControlMessage(System.nanoTime())) {
            metrics.controlIn("rate_limited");
            fail(session, ErrorCode.RATE_LIMITED, "more than " + properties.limits().controlMessagesPerSecond()
                    + " control messages in one second");
            return;
        }
        Decoded<ControlMessage> decoded = ControlCodec.decode(payload);
        if (!(decoded instanceof Decoded.Ok<ControlMessage> ok)) {
            metrics.controlIn("invalid");
            fail(session, ErrorCode.PROTOCOL_VIOLATION, "invalid control message: " + decoded.errorOrNull().message());
            return;
        }
        ControlMessage message = ok.value();
        metrics.controlIn(message.type());
        switch (session.state) {
            case AWAIT_HELLO -> onHello(session, message);
            case AWAIT_AUTH -> onAuth(session, message);
            case AWAIT_JOIN -> onJoin(session, message);
            case JOINING -> violation(session, message.type() + " before PeerList");
            case JOINED -> onCallMessage(session, message, payload);
            default -> { }
        }
    }

    /** The control stream's framing broke (a length outside 1..65536). */
    public void onFramingError(Session session, DecodeError error) {
        metrics.controlIn("invalid");
        fail(session, ErrorCode.PROTOCOL_VIOLATION, error.message());
    }

    /** Handling a message failed inside the relay (a bug): the connection cannot go on. */
    public void onInternalError(Session session) {
        if (!session.isClosing()) {
            session.state = Session.State.CLOSING;
            leave(session);
            session.quic.close(true, 0, reason("internal error"));
        }
    }

    /** The client opened a second stream. */
    public void onExtraStream(Session session) {
        fail(session, ErrorCode.PROTOCOL_VIOLATION, "only one control stream is allowed");
    }

    /** The client finished or reset its control stream: treat it as leaving. */
    public void onControlStreamClosed(Session session) {
        if (!session.isClosing()) {
            session.state = Session.State.CLOSING;
            leave(session);
            session.quic.close(true, 0, reason("control stream closed"));
        }
    }

    /** The connection is gone (closed by either side, timed out): the member leaves. */
    public void onConnectionClosed(Session session) {
        if (session.joinTimeout != null) {
            session.joinTimeout.cancel(false);
        }
        if (session.closeTimer != null) {
            session.closeTimer.cancel(false);
        }
        session.state = Session.State.CLOSING;
        leave(session);
        forwarder.closed(session);
    }

    /** Graceful shutdown: Error 7 and close. */
    public void shutdown(Session session) {
        fail(session, ErrorCode.SHUTTING_DOWN, "relay shutting down");
    }

    /**
     * The member's room is hosted by another relay of the cluster now (it was placed on both while
     * the directory was away): Error 7 sends the member to reconnect through its link, which leads
     * it to the room's owner (PROTOCOL.md section 10).
     */
    public void roomMovedAway(Session session) {
        fail(session, ErrorCode.SHUTTING_DOWN, "this room is now hosted by another relay of the cluster; join again");
    }

    /** The member has sent media above its rate limit for too long. */
    public void mediaAbuse(Session session) {
        fail(session, ErrorCode.RATE_LIMITED, "media above the rate limit for "
                + properties.limits().abuseSeconds() + " s");
    }

    private void onHello(Session session, ControlMessage message) {
        if (!(message instanceof Hello hello)) {
            violation(session, message.type() + " before Hello");
            return;
        }
        if (hello.protocolVersion() != Hello.CURRENT_VERSION) {
            fail(session, ErrorCode.UNSUPPORTED_VERSION, "protocol version " + hello.protocolVersion()
                    + " is not supported; this relay speaks " + Hello.CURRENT_VERSION);
            return;
        }
        session.state = Session.State.AWAIT_AUTH;
    }

    private void onAuth(Session session, ControlMessage message) {
        if (!(message instanceof Auth auth)) {
            violation(session, message.type() + " before Auth");
            return;
        }
        AccessPolicy.Decision decision = access.authenticate(auth.token());
        if (decision instanceof AccessPolicy.Granted g) {
            session.grant = g;
            session.state = Session.State.AWAIT_JOIN;
        } else {
            fail(session, ErrorCode.UNAUTHORIZED, ((AccessPolicy.Denied) decision).reason());
        }
    }

    private void onJoin(Session session, ControlMessage message) {
        if (!(message instanceof JoinRoom join)) {
            violation(session, message.type() + " before JoinRoom");
            return;
        }
        if (access.mayJoin(session.grant, join.roomId()) instanceof AccessPolicy.Denied d) {
            fail(session, ErrorCode.UNAUTHORIZED, d.reason());
            return;
        }
        session.card = join.member();
        if (placement != null && registry.room(join.roomId()) == null) {
            place(session, join.roomId());
            return;
        }
        admit(session, join.roomId());
    }

    /**
     * In a cluster, for a room with no member here: asks the directory where the room lives without
     * blocking the event loop, then joins or redirects back on the session's event loop. The join
     * timeout stops here (JoinRoom came in time); the directory answers within its own timeout.
     */
    private void place(Session session, RoomId roomId) {
        session.state = Session.State.JOINING;
        session.joinTimeout.cancel(false);
        EventLoop loop = session.quic.eventLoop();
        placement.place(roomId).whenComplete((where, error) -> loop.execute(() ->
                placed(session, roomId, where != null ? where : RoomPlacement.Here.INSTANCE)));
    }

    private void placed(Session session, RoomId roomId, RoomPlacement.Placement where) {
        if (where instanceof RoomPlacement.Elsewhere elsewhere) {
            if (!session.isClosing()) {
                redirect(session, roomId, elsewhere);
            }
            return;
        }
        if (!session.isClosing()) {
            admit(session, roomId);
        }
        if (registry.room(roomId) == null) {
            // placed here, but nobody joined (gone meanwhile, or a limit): give the room back
            placement.roomClosed(roomId);
        }
    }

    /** Adds the session to a room hosted here: PeerList to it, PeerJoined to the others. */
    private void admit(Session session, RoomId roomId) {
        switch (registry.join(session, roomId)) {
            case ROOM_FULL -> {
                fail(session, ErrorCode.ROOM_FULL, "the room has " + properties.limits().maxMembersPerRoom()
                        + " members");
                return;
            }
            case TOO_MANY_ROOMS -> {
                fail(session, ErrorCode.ROOM_FULL, "the relay has no room for another room");
                return;
            }
            case JOINED -> { }
        }
        session.state = Session.State.JOINED;
        session.joinTimeout.cancel(false);
        Room room = session.room;
        Room.Members members = session.peersAtJoin;
        session.peersAtJoin = null;
        if (placement != null && members.size() == 1) {
            placement.roomOpened(room.id());
        }
        List<PeerInfo> others = new ArrayList<>(members.size() - 1);
        for (Session m : members.all()) {
            if (m != session) {
                others.add(new PeerInfo(m.peerIdValue(), m.card));
            }
        }
        LOG.debug("{} joined room {} as peer {} ({} others)", session.address, room.id(), session.peerId,
                others.size());
        send(session, new ControlMessage.PeerList(session.peerIdValue(), others));
        if (!others.isEmpty()) {
            byte[] joined = ControlCodec.encode(
                    new ControlMessage.PeerJoined(new PeerInfo(session.peerIdValue(), session.card)));
            fanOut(session, members, joined, "PeerJoined");
        }
    }

    private void onCallMessage(Session session, ControlMessage message, byte[] payload) {
        Room room = session.room;
        if (message instanceof KeyMessage key) {
            if (key.senderId().value() != session.peerId) {
                metrics.dropped(ControlDrop.WRONG_SENDER);
            } else if (!key.roomId().equals(room.id())) {
                metrics.dropped(ControlDrop.WRONG_ROOM);
            } else {
                metrics.keyMessageForwarded(key.type());
                fanOut(session, room.snapshot(), payload, key.type());
            }
        } else if (message instanceof VideoKeyframeRequest r) {
            forwardToTarget(session, room, r.senderId(), r.targetSenderId(), payload, r.type());
        } else if (message instanceof ReceiverReport r) {
            forwardToTarget(session, room, r.senderId(), r.targetSenderId(), payload, r.type());
        } else if (message instanceof StatsReport r) {
            metrics.statsReport(r.rttMs(), r.loss(), r.jitterMs(), r.bitrateIn(), r.bitrateOut());
        } else if (message instanceof Leave) {
            leave(session);
            session.state = Session.State.CLOSING;
            session.quic.close(true, 0, reason("left"));
        } else {
            violation(session, "unexpected " + message.type() + " after PeerList");
        }
    }

    private void forwardToTarget(Session session, Room room, PeerId sender, PeerId target, byte[] payload,
                                 String type) {
        if (sender.value() != session.peerId) {
            metrics.dropped(ControlDrop.WRONG_SENDER);
            return;
        }
        Session to = room.member(target.value());
        if (to == null || to == session) {
            metrics.dropped(ControlDrop.UNKNOWN_TARGET);
            return;
        }
        ByteBuf frame = ControlFrameEncoder.frame(session.quic.alloc(), payload);
        session.lane.onLoopOf(to, () -> {
            if (!to.writeControl(frame)) {
                slowMember(to);
            }
        });
        metrics.controlForwarded(type, 1);
    }

    /** Writes the same framed bytes to every one of {@code members} but {@code from}, each on its own loop. */
    private void fanOut(Session from, Room.Members members, byte[] payload, String type) {
        ByteBuf frame = ControlFrameEncoder.frame(from.quic.alloc(), payload);
        shareByLoop(frame, members);
        from.lane.forEachLoop(members, (loop, on) -> writeToEach(from, on, frame, type));
    }

    /** Lets each loop serving some of {@code members} release {@code frame} once when it has written it. */
    private static void shareByLoop(ByteBuf frame, Room.Members members) {
        int loops = members.occupiedLoops();
        if (loops == 0) {
            frame.release();
        } else if (loops > 1) {
            frame.retain(loops - 1);
        }
    }

    /** On the loop serving {@code members}: writes {@code frame} to each but {@code from}, then releases it once. */
    private void writeToEach(Session from, Session[] members, ByteBuf frame, String type) {
        int sent = 0;
        List<Session> slow = null;
        try {
            for (Session to : members) {
                if (to != from) {
                    if (to.writeControl(frame.retainedDuplicate())) {
                        sent++;
                    } else {
                        if (slow == null) {
                            slow = new ArrayList<>(1);
                        }
                        slow.add(to);
                    }
                }
            }
        } finally {
            frame.release();
        }
        metrics.controlForwarded(type, sent);
        if (slow != null) {
            slow.forEach(this::slowMember);
        }
    }

    private void send(Session session, ControlMessage message) {
        if (!session.writeControl(ControlFrameEncoder.frame(session.quic.alloc(), ControlCodec.encode(message)))) {
            slowMember(session);
        }
    }

    /** A member whose control stream backs up cannot follow the call: disconnect it. */
    private void slowMember(Session session) {
        if (session.isClosing()) {
            return;
        }
        if (session.control != null && !session.control.isActive()) {
            // not slow but gone: its stream closed and the news is on its way here
            onControlStreamClosed(session);
            return;
        }
        LOG.info("{} does not read its control stream; disconnecting it", session);
        metrics.slowMemberDisconnected();
        session.state = Session.State.CLOSING;
        leave(session);
        session.quic.close(true, 0, reason("control stream backlog"));
    }

    /**
     * Removes a member from its room and tells the others, each after the last datagram forwarded
     * to it from the leaver (see the class comment).
     */
    private void leave(Session session) {
        Room room = session.room;
        if (room == null) {
            return;
        }
        Room.Members remaining = registry.leave(session);
        session.room = null;
        if (remaining == null) {
            return;
        }
        LOG.debug("peer {} left room {}", session.peerId, room.id());
        if (remaining.size() == 0) {
            if (placement != null) {
                placement.roomClosed(room.id());
            }
            return;
        }
        ByteBuf frame = ControlFrameEncoder.frame(session.quic.alloc(),
                ControlCodec.encode(new ControlMessage.PeerLeft(session.peerIdValue())));
        shareByLoop(frame, remaining);
        session.lane.forEachLoop(remaining, (loop, on) -> {
            loop.senderLeft(session, on);
            writeToEach(session, on, frame, "PeerLeft");
        });
    }

    private void violation(Session session, String what) {
        fail(session, ErrorCode.PROTOCOL_VIOLATION, what);
    }

    /** Sends {@code Error} and closes the connection once the frame has had time to arrive. */
    void fail(Session session, ErrorCode code, String message) {
        if (session.isClosing()) {
            return;
        }
        String text = truncate(message);
        LOG.debug("{}: Error {} ({})", session, code.code(), text);
        metrics.errorSent(code.code());
        sendAndClose(session, new ControlMessage.Error(code, text), code.code(), text);
    }

    /**
     * Answers JoinRoom with {@code Redirect} (PROTOCOL.md section 10) and closes as after an Error,
     * with application error code 0. A client that does not know Redirect sees a clean close.
     */
    private void redirect(Session session, RoomId roomId, RoomPlacement.Elsewhere where) {
        ControlMessage.Redirect r = where.redirect();
        LOG.info("{} asked for room {}: redirected to relay {}:{} ({})", session.address, roomId.value(), r.host(),
                r.port(), where.reason());
        sendAndClose(session, r, 0, "redirected to " + r.host() + ":" + r.port());
    }

    /**
     * Sends {@code last} and closes the connection once the frame has had time to arrive (PROTOCOL.md
     * section 4): max(50 ms, 4 x smoothed RTT), 1 s at most (QUIC does not tell the sender when
     * stream data was acknowledged). The CONNECTION_CLOSE carries {@code closeCode} and
     * {@code text}, so a client learns the reason even if the frame is lost. The member leaves its
     * room at once.
     */
    private void sendAndClose(Session session, ControlMessage last, int closeCode, String text) {
        session.state = Session.State.CLOSING;
        if (session.joinTimeout != null) {
            session.joinTimeout.cancel(false);
        }
        leave(session);
        QuicChannel quic = session.quic;
        boolean written = session.control != null
                && session.writeControl(ControlFrameEncoder.frame(quic.alloc(), ControlCodec.encode(last)));
        if (!written) {
            quic.close(true, closeCode, reason(text));
            return;
        }
        long maxDelay = TimeUnit.SECONDS.toNanos(1);
        session.closeTimer = quic.eventLoop().schedule(() -> quic.close(true, closeCode, reason(text)),
                maxDelay, TimeUnit.NANOSECONDS);
        quic.collectPathStats(0).addListener(f -> {
            if (f.isSuccess() && quic.isOpen()) {
                long rtt = ((QuicConnectionPathStats) f.getNow()).rtt();
                long delay = Math.max(TimeUnit.MILLISECONDS.toNanos(50), 4 * rtt);
                if (delay < maxDelay && session.closeTimer.cancel(false)) {
                    session.closeTimer = quic.eventLoop().schedule(
                            () -> quic.close(true, closeCode, reason(text)), delay, TimeUnit.NANOSECONDS);
                }
            }
        });
    }

    private static String truncate(String message) {
        if (message.length() <= MAX_ERROR_TEXT) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_ERROR_TEXT - 1)) ? MAX_ERROR_TEXT - 1 : MAX_ERROR_TEXT;
        return message.substring(0, end);
    }

    private static ByteBuf reason(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
