package dev.parley.common.call;

import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.wire.MediaDatagrams;

import java.util.Arrays;

/**
 * The seal-and-send stage of one outgoing stream, shared by audio and video: numbers the stream's
 * packets (the 32-bit index of PROTOCOL.md section 6, from 0 per join and ssrc), builds the 38-byte
 * header with the current sender key, seals and hands the datagram to the connection. Used by one
 * thread (the stream's send thread); the cipher is shared with the other streams' threads (it is
 * thread-safe, and refuses to seal once another thread erased it at a key switch).
 */
final class MediaStreamSender {
    private final MediaKind kind;
    private final CallCounters counters;
    private final byte[] header = new byte[MediaHeader.LENGTH];
    private final byte[] datagram = new byte[MediaHeader.MAX_DATAGRAM];
    private long ssrc;
    private Membership owner;
    private long nextIndex;
    private long bytesSent;

    MediaStreamSender(MediaKind kind, CallCounters counters) {
        this.kind = kind;
        this.counters = counters;
    }

    /** What happened to one packet. */
    enum Outcome { SENT, NO_KEY, REFUSED, EXHAUSTED }

    /**
     * Starts the stream over on {@code m} with {@code ssrc} when either differs from the last packet's:
     * a new join or a new stream numbers its packets from 0.
     *
     * @return true when it started over
     */
    boolean bind(Membership m, long ssrc) {
        if (m == owner && ssrc == this.ssrc) {
            return false;
        }
        owner = m;
        this.ssrc = ssrc;
        nextIndex = 0;
        return true;
    }

    /** Seals {@code payload[off, off + len)} as the next packet of the bound stream and sends it. */
    Outcome send(long timestamp, byte[] payload, int off, int len) {
        Membership m = owner;
        if (nextIndex > 0xFFFF_FFFFL) {
            return Outcome.EXHAUSTED; // never wraps: PROTOCOL.md says the sender rejoins first
        }
        int n = -1;
        // two tries: another stream's thread may switch keys (and erase the old one) between our
        // lookup and our seal
        for (int attempt = 0; attempt < 2 && n < 0; attempt++) {
            SendingKeys.Entry<MediaCipher> key = m.sendingKeys.current(System.nanoTime());
            if (key == null) {
                return Outcome.NO_KEY;
            }
            MediaHeader h = new MediaHeader(m.room.roomId().value(), m.ownPeerId.value(), kind, ssrc, nextIndex,
                    timestamp & 0xFFFF_FFFFL, key.keyId(), len + MediaHeader.TAG_LENGTH);
            MediaDatagrams.writeHeader(h, header, 0);
            try {
                n = key.key().seal(header, payload, off, len, datagram, 0);
            } catch (IllegalStateException erased) {
                n = -1;
            }
        }
        if (n < 0) {
            return Outcome.NO_KEY;
        }
        nextIndex++;
        if (m.connection.sendDatagram(Arrays.copyOf(datagram, n))) {
            bytesSent += n;
            return Outcome.SENT;
        }
        counters.increment(Reason.SEND_REFUSED);
        return Outcome.REFUSED;
    }

    /** The key id packets are sealed with now, or -1 before the join. */
    long currentKeyId() {
        Membership m = owner;
        SendingKeys.Entry<MediaCipher> key = m == null ? null : m.sendingKeys.current(System.nanoTime());
        return key == null ? -1 : key.keyId();
    }

    /** Bytes of datagrams sent since the stream was made. */
    long bytesSent() {
        return bytesSent;
    }
}
