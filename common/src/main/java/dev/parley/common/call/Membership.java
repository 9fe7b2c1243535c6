package dev.parley.common.call;

import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.crypto.CardVerification;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.JoinKeyPair;
import dev.parley.common.crypto.KeyMessages;
import dev.parley.common.crypto.KeyVerification;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.crypto.MemberCards;
import dev.parley.common.crypto.RoomKeys;
import dev.parley.common.crypto.SenderKey;
import dev.parley.common.crypto.VerifiedPeer;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.KeyMessage;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.quic.RelayConnection;
import dev.parley.common.wire.ControlCodec;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One join of a call: a connection, this join's X25519 key, our peer id, the other members and
 * every key of sections 5.3 and 7. A reconnect makes a new membership with fresh keys. All methods
 * except the media accessors run on the session's control thread.
 */
final class Membership {
    private static final System.Logger LOG = System.getLogger(Membership.class.getName());

    enum Phase { JOINING, IN_CALL, ENDED }

    final RelayConnection connection;
    final RoomKeys room;
    final JoinKeyPair joinKey;
    final long ssrc;
    final Map<Long, RemotePeer> peers = new ConcurrentHashMap<>();
    final SendingKeys<MediaCipher> sendingKeys = new SendingKeys<>(MediaCipher::destroy);
    private final IdentityKeyPair identity;
    private final CallOptions options;
    private final SecureRandom random;
    private final CallEvents events;
    private final CallCounters counters;
    private final RotationSchedule rotation;
    private final java.util.Set<Long> ssrcs = new java.util.HashSet<>();
    /** Who was sent each of our keys (by key id), to tell when a present peer can open what we send. */
    private final Map<Long, java.util.Set<Long>> recipientsByKey = new ConcurrentHashMap<>();
    /** Called (control thread) with the new key id when a newcomer caused a rotation. */
    volatile java.util.function.LongConsumer onNewcomerRotation = id -> { };
    /** The relay this join is on, as the user is told: "relay.example.org (192.0.2.7):4433". */
    volatile String relay = "";
    volatile PeerId ownPeerId;
    volatile Phase phase = Phase.JOINING;
    volatile Instant lastRotation = Instant.now();
    private boolean newcomerPending;
    /** Tests only: receives a copy of every sender key accepted, to check what a departed member could open. */
    static volatile java.util.function.BiConsumer<PeerId, MediaCipher> keyTap;

    Membership(RelayConnection connection, RoomKeys room, IdentityKeyPair identity, CallOptions options,
               SecureRandom random, CallEvents events, CallCounters counters) {
        this.connection = connection;
        this.room = room;
        this.identity = identity;
        this.options = options;
        this.random = random;
        this.events = events;
        this.counters = counters;
        this.joinKey = JoinKeyPair.generate(random);
        this.ssrc = random.nextInt() & 0xFFFF_FFFFL;
        ssrcs.add(ssrc);
        this.rotation = new RotationSchedule(options.joinDebounce().toNanos(), options.rotationInterval().toNanos());
    }

    /**
     * A fresh ssrc for a new stream of this join, distinct from every other stream's (PROTOCOL.md
     * section 6: random per stream per join). Any thread.
     */
    synchronized long newSsrc() {
        long s;
        do {
            s = random.nextInt() & 0xFFFF_FFFFL;
        } while (!ssrcs.add(s));
        return s;
    }

    /** Hello, Auth and JoinRoom back to back. */
    void sendHandshake(String clientVersion, String token, String displayName) {
        MemberCard card = MemberCards.build(identity, joinKey, room, displayName);
        send(new ControlMessage.Hello(ControlMessage.Hello.CURRENT_VERSION, clientVersion));
        send(new ControlMessage.Auth(token));
        send(new ControlMessage.JoinRoom(room.roomId(), card));
    }

    boolean send(ControlMessage message) {
        boolean sent = connection.sendControl(ControlCodec.encode(message));
        if (!sent) {
            counters.increment(Reason.SEND_REFUSED);
        }
        return sent;
    }

    /** Handles a PeerList: verify everyone, then send our first key to the verified ones. */
    void onPeerList(ControlMessage.PeerList list, long now) {
        ownPeerId = list.yourPeerId();
        phase = Phase.IN_CALL;
        for (PeerInfo info : list.peers()) {
            addPeer(info);
        }
        SenderKey key = SenderKey.generate(new KeyId(0), random);
        List<KeyMessages.Recipient> recipients = verifiedRecipients();
        if (!recipients.isEmpty()) {
            send(KeyMessages.distribute(identity, room.roomId(), ownPeerId, key, recipients, random));
        }
        sendingKeys.add(0, MediaCipher.create(key), now, !recipients.isEmpty());
        remember(0, recipients);
        rotation.firstKeyAt(now);
        lastRotation = Instant.now();
        events.on(new CallEvent.KeysRotated(0, lastRotation));
    }

    /** A PeerJoined: verify, and rotate (at once, or once the debounce has passed). */
    void onPeerJoined(PeerInfo info, long now) {
        RemotePeer peer = addPeer(info);
        if (peer != null && peer.isVerified()) {
            newcomerPending = true;
            if (rotation.onPeerJoined(now)) {
                rotate(now);
            }
        }
    }

    /** A PeerLeft: forget the peer and its keys; rotate if it had ours. */
    void onPeerLeft(PeerId id, long now) {
        RemotePeer peer = peers.remove(id.value());
        if (peer == null) {
            counters.increment(Reason.CONTROL_UNEXPECTED);
            return;
        }
        peer.keys.clear();
        events.on(new CallEvent.ParticipantLeft(id));
        if (peer.isVerified() && rotation.onPeerLeft()) {
            rotate(now);
        }
    }

    /** A KeyDistribute or KeyRotate from another member. */
    void onKeyMessage(KeyMessage message) {
        RemotePeer sender = peers.get(message.senderId().value());
        Optional<VerifiedPeer> verified = Optional.ofNullable(sender).map(p -> p.verified);
        Optional<KeyId> highest = Optional.ofNullable(sender)
                .filter(p -> p.keys.highestAccepted() >= 0)
                .map(p -> new KeyId(p.keys.highestAccepted()));
        KeyVerification result = KeyMessages.verify(message, verified, highest,
                new KeyMessages.Receiver(room.roomId(), ownPeerId, joinKey));
        if (result instanceof KeyVerification.Dropped dropped) {
            counters.increment(Reason.KEY_MESSAGE_DROPPED);
            // a key message sent before we joined has no entry for us: normal, not suspicious
            System.Logger.Level level = dropped.reason() == KeyVerification.Reason.OWN_ENTRY_MISSING
                    ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            LOG.log(level, "dropped {0} from peer {1}: {2}", message.type(), message.senderId(), dropped.reason());
            return;
        }
        SenderKey key = ((KeyVerification.Accepted) result).key();
        MediaCipher cipher = MediaCipher.create(key);
        var tap = keyTap;
        if (tap != null) {
            tap.accept(ownPeerId, MediaCipher.create(key));
        }
        key.erase();
        sender.keys.add(message.keyId().value(), cipher);
        if (sender.status != ParticipantStatus.PRESENT) {
            sender.status = ParticipantStatus.PRESENT;
            events.on(new CallEvent.ParticipantChanged(sender.toParticipant()));
        }
    }

    /** Timed rotations: the deferred join rotation and the periodic one. */
    void onTimer(long now) {
        if (phase == Phase.IN_CALL && rotation.isDue(now)) {
            rotate(now);
        }
    }

    /** When {@link #onTimer} next has something to do. */
    long nextTimer() {
        return rotation.nextDue();
    }

    /** A new sender key, KeyRotate to every verified peer, used after the switch delay. */
    void rotate(long now) {
        long keyId = sendingKeys.newestKeyId() + 1;
        if (keyId > KeyId.MAX) {
            LOG.log(System.Logger.Level.WARNING, "key ids exhausted in this join; keeping the current key");
            return;
        }
        SenderKey key = SenderKey.generate(new KeyId(keyId), random);
        List<KeyMessages.Recipient> recipients = verifiedRecipients();
        if (!recipients.isEmpty()) {
            send(KeyMessages.rotate(identity, room.roomId(), ownPeerId, key, recipients, random));
        }
        // The switch delay lets receivers get the new key before it is used. When nobody holds the
        // old key (we were alone until now), waiting would only send packets nobody can open.
        boolean delay = !recipients.isEmpty() && sendingKeys.anyDistributed();
        long switchAt = delay ? now + options.switchDelay().toNanos() : now;
        sendingKeys.add(keyId, MediaCipher.create(key), switchAt, !recipients.isEmpty());
        remember(keyId, recipients);
        key.erase();
        rotation.rotatedAt(now);
        if (newcomerPending) {
            // video streams send a keyframe once this key is in use: the newcomer can open nothing older
            newcomerPending = false;
            onNewcomerRotation.accept(keyId);
        }
        lastRotation = Instant.now();
        events.on(new CallEvent.KeysRotated(keyId, lastRotation));
    }

    private void remember(long keyId, List<KeyMessages.Recipient> recipients) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (KeyMessages.Recipient r : recipients) {
            ids.add(r.peerId().value());
        }
        recipientsByKey.put(keyId, ids);
        recipientsByKey.keySet().removeIf(id -> id < keyId - 8);
    }

    /**
     * Whether some peer is present (its own key reached us) and was sent the key we encrypt with
     * now, so that what we send from here on can be opened. Any thread.
     */
    boolean aPresentPeerHoldsOurKey(long now) {
        if (phase != Phase.IN_CALL) {
            return false;
        }
        SendingKeys.Entry<MediaCipher> current = sendingKeys.current(now);
        java.util.Set<Long> sentTo = current == null ? null : recipientsByKey.get(current.keyId());
        if (sentTo == null) {
            return false;
        }
        for (RemotePeer p : peers.values()) {
            if (p.status == ParticipantStatus.PRESENT && sentTo.contains(p.id.value())) {
                return true;
            }
        }
        return false;
    }

    private List<KeyMessages.Recipient> verifiedRecipients() {
        List<KeyMessages.Recipient> list = new ArrayList<>();
        for (RemotePeer p : peers.values()) {
            if (p.isVerified()) {
                list.add(KeyMessages.Recipient.of(p.verified));
            }
        }
        list.sort((a, b) -> Long.compare(a.peerId().value(), b.peerId().value()));
        return list;
    }

    private RemotePeer addPeer(PeerInfo info) {
        if (peers.containsKey(info.peerId().value())) {
            counters.increment(Reason.CONTROL_UNEXPECTED);
            return null;
        }
        List<byte[]> others = new ArrayList<>();
        for (RemotePeer p : peers.values()) {
            if (p.info.card().isWellFormed()) {
                others.add(p.info.card().x25519Pub());
            }
        }
        CardVerification verification = MemberCards.verify(info, room, ownPeerId, joinKey.publicKey(), others);
        RemotePeer peer = new RemotePeer(info, verification, options);
        peers.put(info.peerId().value(), peer);
        if (!peer.isVerified()) {
            counters.increment(Reason.PEER_FAILED_VERIFICATION);
            LOG.log(System.Logger.Level.WARNING, "peer {0} failed verification: {1}", info.peerId(), peer.failure);
        }
        events.on(new CallEvent.ParticipantChanged(peer.toParticipant()));
        return peer;
    }

    /** Erases every key of this join: ours, the peers', and the X25519 join key. */
    void erase() {
        phase = Phase.ENDED;
        sendingKeys.clear();
        peers.values().forEach(p -> p.keys.clear());
        joinKey.erase();
    }
}
