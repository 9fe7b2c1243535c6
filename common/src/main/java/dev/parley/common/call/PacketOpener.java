package dev.parley.common.call;

import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.crypto.MediaOpenResult;
import dev.parley.common.crypto.ReplayWindow;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.wire.MediaDatagrams;

import java.util.function.Function;

/**
 * The open stage every received media datagram goes through, audio or video (PROTOCOL.md section
 * 6, receiver rules): header checks, the call's room, a verified sender, the key by (sender,
 * key_id) (holding the datagram for a while when that key is still on its way), the replay window
 * per (sender, ssrc), and the AEAD. Each receive thread has its own opener and its own held
 * datagrams; replay windows are per ssrc, so the audio and video threads never share one.
 */
final class PacketOpener {

    /** A datagram that opened: its header, its sender, and the plaintext in the opener's buffer. */
    record Opened(MediaHeader header, RemotePeer peer, long arrival, byte[] buffer, int offset, int length) {
    }

    private final CallCounters counters;
    private final Function<RemotePeer, PendingPackets> pending;
    private final byte[] plaintext = new byte[MediaHeader.MAX_DATAGRAM];

    /** @param pending the held-datagram store of this thread for a peer */
    PacketOpener(CallCounters counters, Function<RemotePeer, PendingPackets> pending) {
        this.counters = counters;
        this.pending = pending;
    }

    /**
     * Opens one datagram of membership {@code m}; null when it was dropped (counted) or held for its
     * key. The plaintext stays valid until the next call.
     */
    Opened open(Membership m, byte[] datagram, long arrival, long now) {
        Decoded<MediaHeader> parsed = MediaDatagrams.parse(datagram);
        if (!(parsed instanceof Decoded.Ok<MediaHeader> ok)) {
            counters.increment(Reason.DATAGRAM_MALFORMED);
            return null;
        }
        MediaHeader h = ok.value();
        if (h.roomId() != m.room.roomId().value()) {
            counters.increment(Reason.DATAGRAM_WRONG_ROOM);
            return null;
        }
        RemotePeer peer = m.peers.get(h.senderId());
        if (peer == null) {
            counters.increment(Reason.DATAGRAM_UNKNOWN_SENDER);
            return null;
        }
        if (!peer.isVerified()) {
            counters.increment(Reason.DATAGRAM_UNVERIFIED_SENDER);
            return null;
        }
        MediaCipher cipher = peer.keys.get(h.keyId());
        if (cipher == null) {
            if (peer.keys.isNew(h.keyId())) {
                pending.apply(peer).hold(datagram, arrival, h.keyId());
            } else {
                counters.increment(Reason.DATAGRAM_NO_KEY);
            }
            return null;
        }
        ReplayWindow window = peer.replay.computeIfAbsent(h.ssrc(), s -> new ReplayWindow());
        if (window.check(h.packetIndex()) != ReplayWindow.Verdict.FRESH) {
            counters.increment(Reason.DATAGRAM_REPLAYED);
            return null;
        }
        MediaOpenResult opened = cipher.open(datagram, 0, datagram.length, plaintext, 0);
        if (!(opened instanceof MediaOpenResult.Opened o)) {
            counters.increment(Reason.DATAGRAM_AUTH_FAILED);
            return null;
        }
        window.accept(h.packetIndex());
        peer.keys.decrypted(h.keyId(), now);
        return new Opened(h, peer, arrival, o.buffer(), o.offset(), o.length());
    }

    /** Opens the datagrams {@code peer} held for keys that have since arrived; drops expired ones. */
    void releaseHeld(Membership m, RemotePeer peer, long now, java.util.function.Consumer<Opened> then) {
        PendingPackets held = pending.apply(peer);
        if (held.isEmpty()) {
            return;
        }
        for (PendingPackets.Held h : held.release(id -> peer.keys.get(id) != null, now)) {
            Opened o = open(m, h.datagram(), h.arrivalNanos(), now);
            if (o != null) {
                then.accept(o);
            }
        }
    }
}
