package dev.parley.common.call;

import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.crypto.Fingerprints;
import dev.parley.common.crypto.RoomKeys;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.PeerId;
import dev.parley.common.quic.CloseReason;
import dev.parley.common.quic.RelayClientOptions;
import dev.parley.common.quic.RelayConnection;
import dev.parley.common.wire.ControlCodec;

import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call: connects to the relay of an invite link, joins, verifies every peer, distributes and
 * rotates sender keys (PROTOCOL.md sections 5 and 7), sends and receives Opus audio, reports
 * statistics and adapts the bitrate, and reconnects with fresh keys when the connection drops.
 *
 * <p>Threads: a control thread owns membership and keys; a send thread paces capture, encoding and
 * sealing; a receive thread paces playout (open, replay window, jitter buffers, decoding, mixing).
 * Network I/O stays on Netty's event loop. {@link CallControl} methods never block.
 */
public final class CallSession implements CallControl {
    private static final System.Logger LOG = System.getLogger(CallSession.class.getName());
    /**
     * How often the connection reads the socket: on arrival. Reading every 10 ms saved the event
     * loop about a quarter of its CPU at 9 talkers (under one point of a core in all), but it made
     * QUIC's RTT estimate 4-8 ms instead of 1-2 and coincided with receive stalls in 2 of 7 latency
     * runs; the relay's coalescing window already cuts the wake-ups in rooms of three or more.
     * {@link RelayClientOptions#readInterval()} keeps the option for measurement.
     */
    static final java.time.Duration READ_INTERVAL = java.time.Duration.ZERO;
    /** PROTOCOL.md section 10: more redirects than this in a row fail the join. */
    static final int MAX_REDIRECTS = 3;

    private final CallConfig config;
    private final CallEvents events;
    private final RoomKeys room;
    private final SecureRandom random = new SecureRandom();
    private final CallCounters counters = new CallCounters();
    private final ScheduledExecutorService control;
    private final Backoff backoff;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private final CompletableFuture<CallEvent.CallEnded> ended = new CompletableFuture<>();
    private final AudioSendLoop sendLoop;
    private final AudioReceiveLoop receiveLoop;
    private final CallVideo video;
    private volatile Membership membership;
    private volatile boolean leaving;
    private volatile long disconnectedSince = -1;
    // control thread: where the next connection goes, and the addresses of its host
    private RelayTarget target;
    private List<InetSocketAddress> addresses = List.of();
    private int addressIndex;
    private int triesThisRound;
    private int redirectsInARow;
    private ScheduledFuture<?> timer;

    private CallSession(CallConfig config, CallEvents events) {
        this.config = config;
        this.events = events;
        this.room = RoomKeys.of(config.link());
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-call-control");
            t.setDaemon(true);
            return t;
        });
        this.backoff = new Backoff(config.options().reconnectInitial(), config.options().reconnectMax(), random);
        this.sendLoop = new AudioSendLoop(config.source(), config.options(), counters, this::currentMembership, events,
                config.audioProcessor());
        this.receiveLoop = new AudioReceiveLoop(config.sink(), config.options(), counters, this::currentMembership,
                events, this::sendReport, config.link().pin(), config.audioProcessor());
        this.video = new CallVideo(config.video(), counters, this::currentMembership, this::sendReport);
        this.target = RelayTarget.of(config.link());
    }

    /** Starts a call in the background; events report its progress. */
    public static CallSession start(CallConfig config, CallEvents events) {
        CallSession session = new CallSession(config, events == null ? CallEvents.NONE : events);
        session.onControlThread(session::connect);
        session.sendLoop.start();
        session.receiveLoop.start(session.sendLoop, session.video);
        session.video.start();
        return session;
    }

    /** Completes when the first join has its PeerList; fails if the call ends before that. */
    public CompletableFuture<Void> joined() {
        return joined;
    }

    /** Completes when the call is over, with why. */
    public CompletableFuture<CallEvent.CallEnded> ended() {
        return ended;
    }

    /** Completes when a file source has been sent to its end (the headless client then leaves). */
    public CompletableFuture<Void> sourceEnded() {
        return sendLoop.sourceEnded();
    }

    /** What this session has refused or lost, by reason. */
    public CallCounters counters() {
        return counters;
    }

    /** Our current peer id, if joined. */
    public Optional<PeerId> ownPeerId() {
        Membership m = membership;
        return m == null ? Optional.empty() : Optional.ofNullable(m.ownPeerId);
    }

    /** Our current sending key id, or -1 before the join. */
    public long currentKeyId() {
        Membership m = membership;
        if (m == null) {
            return -1;
        }
        SendingKeys.Entry<?> e = m.sendingKeys.current(System.nanoTime());
        return e == null ? -1 : e.keyId();
    }

    Membership currentMembership() {
        return membership;
    }

    /**
     * Connects to the current target: each of its host's addresses in turn (a name may stand for
     * several relays, one address each), then, when every one failed, as a failed attempt.
     */
    private void connect() {
        if (leaving) {
            return;
        }
        if (addresses.isEmpty()) {
            resolve();
            return;
        }
        RelayTarget to = target;
        InetSocketAddress address = addresses.get(Math.floorMod(addressIndex, addresses.size()));
        String relay = describe(to, address);
        events.on(new CallEvent.ConnectionChanged(
                disconnectedSince < 0 ? ConnectionState.CONNECTING : ConnectionState.RECONNECTING,
                "Connecting to relay " + relay));
        Listener listener = new Listener();
        // every listener callback only queues work, so it may run on the event loop: one thread hop less
        RelayConnection.connect(to.host(), address, to.pin(), listener,
                        RelayClientOptions.defaults().withDeliveryExecutor(Runnable::run)
                                .withReadInterval(READ_INTERVAL))
                .whenCompleteAsync((connection, failure) -> {
                    if (failure != null) {
                        onAddressFailed(failure);
                        return;
                    }
                    if (leaving) {
                        connection.close();
                        return;
                    }
                    triesThisRound = 0;
                    Membership m = new Membership(connection, room, config.identity(), config.options(), random,
                            events, counters);
                    m.onNewcomerRotation = video::onNewcomerRotation;
                    m.relay = relay;
                    listener.membership = m;
                    membership = m;
                    m.sendHandshake(config.clientVersion(), config.token(), config.displayName());
                    if (!connection.isOpen()) {
                        onClosed(m, new CloseReason(CloseReason.Kind.ERROR, 0, "the connection closed during the handshake"));
                    }
                }, control);
    }

    /** Looks up every address of the target's host, off the control thread. */
    private void resolve() {
        RelayTarget to = target;
        CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(to.host());
            } catch (java.net.UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenCompleteAsync((all, failure) -> {
            if (to != target || leaving) {
                return;
            }
            if (failure != null) {
                onConnectFailed(failure);
                return;
            }
            List<InetSocketAddress> list = new ArrayList<>();
            for (InetAddress a : all) {
                list.add(new InetSocketAddress(a, to.port()));
            }
            addresses = List.copyOf(list);
            triesThisRound = 0;
            connect();
        }, control);
    }

    private void onAddressFailed(Throwable failure) {
        addressIndex++;
        if (++triesThisRound < addresses.size()) {
            LOG.log(System.Logger.Level.INFO, "a relay address failed ({0}); trying the next", failure.toString());
            connect();
            return;
        }
        triesThisRound = 0;
        addresses = List.of(); // look the name up again next time: the relays behind it may have changed
        // a redirect's relay that does not answer may have died while the directory still named it:
        // the next attempt starts again at the link's host, whose relays place the room anew
        target = RelayTarget.of(config.link());
        onConnectFailed(failure);
    }

    /** "relay.example.org (192.0.2.7):4433", or "127.0.0.2:4433" when the host is the address. */
    private static String describe(RelayTarget to, InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        String host = to.host().equals(ip) ? ip : to.host() + " (" + ip + ")";
        return (host.indexOf(':') >= 0 && host.indexOf('(') < 0 ? "[" + host + "]" : host) + ":" + to.port();
    }

    private void onConnectFailed(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String reason = ConnectFailures.describe(cause, config.link());
        LOG.log(System.Logger.Level.INFO, "connecting failed: {0}", cause.toString());
        // before the first join a failure is reported at once; after it, only a permanent one is
        if (!joined.isDone() || ConnectFailures.isPermanent(cause)) {
            end(ConnectFailures.kind(cause, config.link()), 0, reason);
            return;
        }
        scheduleReconnect(reason);
    }

    private void scheduleReconnect(String reason) {
        long now = System.nanoTime();
        if (disconnectedSince < 0) {
            disconnectedSince = now;
        }
        if (now - disconnectedSince > config.options().reconnectGiveUp().toNanos()) {
            end(CallFailedException.Kind.LOST, 0, "Gave up reconnecting: " + reason);
            return;
        }
        long delay = backoff.next().toMillis();
        events.on(new CallEvent.ConnectionChanged(ConnectionState.RECONNECTING, reason));
        control.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void onControl(Membership m, byte[] payload) {
        if (m != membership || m.phase == Membership.Phase.ENDED) {
            return;
        }
        Decoded<ControlMessage> decoded = ControlCodec.decode(payload);
        if (!(decoded instanceof Decoded.Ok<ControlMessage> ok)) {
            counters.increment(Reason.CONTROL_MALFORMED);
            LOG.log(System.Logger.Level.DEBUG, "ignored a malformed message from the relay: {0}",
                    decoded.errorOrNull().message());
            return;
        }
        ControlMessage message = ok.value();
        long now = System.nanoTime();
        if (message instanceof ControlMessage.Error error) {
            onRelayError(m, error);
            return;
        }
        if (m.phase == Membership.Phase.JOINING) {
            if (message instanceof ControlMessage.PeerList list) {
                onJoined(m, list, now);
            } else if (message instanceof ControlMessage.Redirect redirect) {
                onRedirect(m, redirect);
            } else {
                counters.increment(Reason.CONTROL_UNEXPECTED);
            }
            return;
        }
        if (message instanceof ControlMessage.PeerJoined joinedPeer) {
            m.onPeerJoined(joinedPeer.peer(), now);
        } else if (message instanceof ControlMessage.PeerLeft left) {
            m.onPeerLeft(left.peerId(), now);
        } else if (message instanceof ControlMessage.KeyMessage keys) {
            m.onKeyMessage(keys);
        } else if (message instanceof ControlMessage.ReceiverReport report) {
            onReceiverReport(m, report);
        } else if (message instanceof ControlMessage.VideoKeyframeRequest request) {
            if (m.ownPeerId != null && request.targetSenderId().equals(m.ownPeerId)) {
                video.onKeyframeRequest(m, request);
            } else {
                counters.increment(Reason.CONTROL_UNEXPECTED);
            }
        } else {
            counters.increment(Reason.CONTROL_UNEXPECTED);
        }
        scheduleTimer(m);
    }

    private void onJoined(Membership m, ControlMessage.PeerList list, long now) {
        m.onPeerList(list, now);
        disconnectedSince = -1;
        redirectsInARow = 0;
        backoff.reset();
        events.on(new CallEvent.RelayChanged(m.relay));
        events.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL,
                "In the call on relay " + m.relay + " as peer " + list.yourPeerId() + " with " + list.peers().size()
                        + " others"));
        joined.complete(null);
        scheduleTimer(m);
    }

    /**
     * PROTOCOL.md section 10: the room lives on another relay. Join there with a fresh join key (a
     * new membership), trusting it by the redirect's pin or as the link's relay was trusted; more
     * than three redirects in a row fail the join.
     */
    private void onRedirect(Membership m, ControlMessage.Redirect redirect) {
        m.erase();
        m.connection.close();
        RelayTarget next = RelayTarget.of(redirect, config.link());
        LOG.log(System.Logger.Level.INFO, "redirected from {0} to {1}", m.relay, next.address());
        if (++redirectsInARow > MAX_REDIRECTS) {
            String reason = "The relays kept sending this call from one to another (more than " + MAX_REDIRECTS
                    + " redirects), so it could not be joined. Try again in a moment.";
            redirectsInARow = 0;
            target = RelayTarget.of(config.link());
            addresses = List.of();
            if (joined.isDone()) {
                scheduleReconnect(reason);
            } else {
                end(CallFailedException.Kind.REFUSED, 0, reason);
            }
            return;
        }
        target = next;
        addresses = List.of();
        triesThisRound = 0;
        events.on(new CallEvent.ConnectionChanged(
                joined.isDone() ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING,
                "The room is on relay " + next.address() + "; joining there"));
        connect();
    }

    private void onReceiverReport(Membership m, ControlMessage.ReceiverReport report) {
        if (m.ownPeerId == null || !report.targetSenderId().equals(m.ownPeerId)) {
            counters.increment(Reason.CONTROL_UNEXPECTED);
            return;
        }
        RemotePeer reporter = m.peers.get(report.senderId().value());
        if (reporter != null && reporter.isVerified()) {
            double loss = report.lossFraction();
            reporter.lossReportedForUs = Double.isFinite(loss) ? Math.max(0, Math.min(1, loss)) : 0;
        }
    }

    private void onRelayError(Membership m, ControlMessage.Error error) {
        String text = RelayErrors.describe(error);
        LOG.log(System.Logger.Level.INFO, "relay error {0}: {1}", error.code(), error.message());
        boolean retry = error.code() == ErrorCode.SHUTTING_DOWN.code() || error.code() == ErrorCode.JOIN_TIMEOUT.code();
        m.erase();
        m.connection.close();
        if (retry && joined.isDone()) {
            membershipLost(m, text);
        } else {
            end(CallFailedException.Kind.REFUSED, error.code(), text);
        }
    }

    private void onClosed(Membership m, CloseReason reason) {
        if (m != membership || m.phase == Membership.Phase.ENDED || leaving) {
            return;
        }
        if (reason.kind() == CloseReason.Kind.REMOTE && reason.code() != 0
                && ErrorCode.of(reason.code()).filter(c -> c == ErrorCode.UNAUTHORIZED || c == ErrorCode.ROOM_FULL
                || c == ErrorCode.UNSUPPORTED_VERSION || c == ErrorCode.PROTOCOL_VIOLATION).isPresent()
                && !joined.isDone()) {
            m.erase();
            end(CallFailedException.Kind.REFUSED, reason.code(), RelayErrors.describe(reason.code(), reason.message()));
            return;
        }
        m.erase();
        membershipLost(m, "The connection to the relay was lost (" + reason.message() + ")");
    }

    private void membershipLost(Membership m, String reason) {
        // a lost connection goes back through the link's host, starting with its next address: the
        // cluster places the room again (PROTOCOL.md section 10)
        target = RelayTarget.of(config.link());
        addresses = List.of();
        addressIndex++;
        for (RemotePeer p : m.peers.values()) {
            events.on(new CallEvent.ParticipantLeft(p.id));
        }
        if (joined.isDone()) {
            scheduleReconnect(reason);
        } else {
            end(CallFailedException.Kind.LOST, 0, reason);
        }
    }

    private void scheduleTimer(Membership m) {
        if (control.isShutdown() || m.phase != Membership.Phase.IN_CALL) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        long delay = Math.max(0, m.nextTimer() - System.nanoTime());
        timer = control.schedule(() -> {
            if (m == membership) {
                m.onTimer(System.nanoTime());
                scheduleTimer(m);
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    /** Called by the receive loop once a second with what to send to the relay. */
    private void sendReport(ControlMessage message) {
        onControlThread(() -> {
            Membership m = membership;
            if (m != null && m.phase == Membership.Phase.IN_CALL) {
                m.send(message);
            }
        });
    }

    /** Ends the call; {@code failure} null means a clean leave. */
    private void end(CallFailedException.Kind failure, long relayCode, String reason) {
        boolean clean = failure == null;
        if (ended.isDone()) {
            return;
        }
        Membership m = membership;
        if (m != null) {
            m.erase();
        }
        sendLoop.stop();
        receiveLoop.stop();
        video.stop();
        CallEvent.CallEnded event = new CallEvent.CallEnded(clean, relayCode, reason);
        events.on(new CallEvent.ConnectionChanged(ConnectionState.ENDED, reason));
        events.on(event);
        joined.completeExceptionally(new CallFailedException(
                clean ? CallFailedException.Kind.LOST : failure, reason, relayCode));
        ended.complete(event);
        control.shutdown();
    }

    @Override
    public void leave() {
        if (leaving) {
            return;
        }
        leaving = true;
        onControlThread(() -> {
            Membership m = membership;
            try {
                if (m != null && m.phase == Membership.Phase.IN_CALL) {
                    m.send(new ControlMessage.Leave());
                    // let the Leave frame go out before the connection closes
                    m.connection.close();
                } else if (m != null) {
                    m.connection.close();
                }
            } catch (RuntimeException e) {
                // a connection that ended under us must not keep the call from ending
                LOG.log(System.Logger.Level.WARNING, "closing the connection on leave failed", e);
            } finally {
                end(null, 0, "You left the call");
            }
        });
    }

    @Override
    public void setMuted(boolean muted) {
        sendLoop.setMuted(muted);
    }

    @Override
    public boolean isMuted() {
        return sendLoop.isMuted();
    }

    @Override
    public void setPeerVolume(PeerId peer, double volume) {
        Membership m = membership;
        RemotePeer p = m == null ? null : m.peers.get(peer.value());
        if (p != null) {
            p.volume = Math.max(0, Math.min(2.0, volume));
        }
    }

    @Override
    public void switchAudioSource(AudioSource source) {
        sendLoop.switchSource(source);
    }

    @Override
    public void switchAudioSink(AudioSink sink) {
        receiveLoop.switchSink(sink);
    }

    @Override
    public void startVideo(VideoSource source) {
        video.startStream(source);
    }

    @Override
    public void stopVideo(VideoStreamKind kind) {
        video.stopStream(kind);
    }

    @Override
    public boolean isSendingVideo(VideoStreamKind kind) {
        return video.isSending(kind);
    }

    @Override
    public String ownFingerprint() {
        return Fingerprints.grouped(Fingerprints.fingerprint(config.identity().publicKey()));
    }

    @Override
    public Optional<String> safetyNumberWith(PeerId peer) {
        Membership m = membership;
        RemotePeer p = m == null ? null : m.peers.get(peer.value());
        if (p == null || !p.isVerified()) {
            return Optional.empty();
        }
        return Optional.of(Fingerprints.grouped(
                Fingerprints.safetyNumber(config.identity().publicKey(), p.verified.ed25519Pub())));
    }

    @Override
    public String inviteLink() {
        return RoomLinks.format(config.link());
    }

    private void onControlThread(Runnable task) {
        try {
            control.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the call has ended; late events from the network are of no interest
        }
    }

    /** Delivers a connection's events to the control thread, tagged with the membership they belong to. */
    private final class Listener implements RelayConnection.Listener {
        volatile Membership membership;

        @Override
        public void onControl(byte[] payload) {
            onControlThread(() -> {
                Membership m = membership;
                if (m != null) {
                    CallSession.this.onControl(m, payload);
                }
            });
        }

        @Override
        public void onDatagram(byte[] datagram) {
            Membership m = membership;
            if (m == null) {
                return;
            }
            double injected = config.options().receiveLossRate();
            if (injected > 0 && ThreadLocalRandom.current().nextDouble() < injected) {
                counters.increment(Reason.DATAGRAM_INJECTED_LOSS);
                return;
            }
            long arrival = System.nanoTime();
            // route by the kind byte; anything malformed goes to the audio path, which counts it
            if (datagram.length > MediaHeader.OFFSET_KIND && datagram[MediaHeader.OFFSET_KIND] == MediaKind.VIDEO.wire()) {
                video.enqueue(m, datagram, arrival);
            } else {
                receiveLoop.enqueue(m, datagram, arrival);
            }
        }

        @Override
        public void onClosed(CloseReason reason) {
            onControlThread(() -> {
                Membership m = membership;
                if (m != null) {
                    CallSession.this.onClosed(m, reason);
                }
            });
        }
    }
}
