package dev.parley.common.call;

import dev.parley.common.crypto.CardVerification;
import dev.parley.common.crypto.Fingerprints;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.crypto.ReplayWindow;
import dev.parley.common.crypto.VerifiedPeer;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One other member of the room during one join. The control thread owns membership and keys
 * (volatile or thread-safe fields); the receive thread owns the media state (replay windows,
 * statistics, pending packets, audio pipeline).
 */
final class RemotePeer {
    final PeerId id;
    final PeerInfo info;
    /** Null when the card failed verification. */
    final VerifiedPeer verified;
    final String failure;
    final ReceiveKeyRing<MediaCipher> keys;
    volatile ParticipantStatus status;
    volatile double volume = 1.0;
    volatile double lossReportedForUs;

    /** Per ssrc; the audio and video receive threads each touch only their own streams' windows. */
    final Map<Long, ReplayWindow> replay = new ConcurrentHashMap<>();
    /** Video datagrams waiting for their key: the video receive thread's. */
    final PendingPackets videoPending = new PendingPackets(10, 300_000_000L);

    // audio receive thread only
    final ArrivalStats arrivals = new ArrivalStats(48_000);
    final PendingPackets pending = new PendingPackets(10, 300_000_000L);
    PeerAudio audio;
    volatile ArrivalStats.Interval lastInterval = new ArrivalStats.Interval(0, 0, 0, 0);
    volatile double level;

    RemotePeer(PeerInfo info, CardVerification verification, CallOptions options) {
        this.id = info.peerId();
        this.info = info;
        if (verification instanceof VerifiedPeer v) {
            this.verified = v;
            this.failure = null;
            this.status = ParticipantStatus.JOINING;
        } else {
            this.verified = null;
            this.failure = ((CardVerification.Failed) verification).message();
            this.status = ParticipantStatus.FAILED_VERIFICATION;
        }
        this.keys = new ReceiveKeyRing<>(4, options.keyRetention().toNanos(), MediaCipher::destroy);
    }

    boolean isVerified() {
        return verified != null;
    }

    Participant toParticipant() {
        Optional<byte[]> ed = Optional.empty();
        MemberCard card = info.card();
        if (verified != null) {
            ed = Optional.of(verified.ed25519Pub());
        } else if (card.isWellFormed()) {
            ed = Optional.of(card.ed25519Pub());
        }
        Optional<String> fp = ed.map(Fingerprints::fingerprint);
        return new Participant(id, Optional.ofNullable(verified).map(VerifiedPeer::displayName), ed, fp, status,
                Optional.ofNullable(failure));
    }
}
