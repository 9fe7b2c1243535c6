package dev.parley.relay.support;

import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;
import dev.parley.common.wire.ControlCodec;
import dev.parley.common.wire.MediaDatagrams;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Well-formed protocol objects with random content: the relay checks shapes, never signatures. */
public final class Messages {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Messages() {
    }

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static RoomId randomRoom() {
        return new RoomId(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /** A member card with the five fields of the right lengths and random bytes. */
    public static MemberCard card() {
        return MemberCard.of(random(32), random(32), random(64), random(32), random(60));
    }

    /** A card that also carries a key the relay does not know, which it must hand on unchanged. */
    public static MemberCard cardWithExtraKey() {
        Map<String, CborValue> m = new LinkedHashMap<>(card().map().entries());
        m.put("x_future", new CborValue.Text("kept by the relay"));
        return new MemberCard(new CborValue.MapValue(m));
    }

    /** One media datagram of {@code ctLen} ciphertext bytes; byte 38.. carry {@code tag} for identification. */
    public static byte[] media(RoomId room, long sender, long index, int ctLen) {
        MediaHeader h = new MediaHeader(room.value(), sender, MediaKind.AUDIO, 0x1234, index, index * 960, 0, ctLen);
        byte[] ct = random(ctLen);
        return MediaDatagrams.encode(h, ct);
    }

    /** The sender id in a media datagram's header. */
    public static long sender(byte[] datagram) {
        return ByteBuffer.wrap(datagram).getLong(MediaHeader.OFFSET_SENDER_ID);
    }

    public static ControlMessage.KeyDistribute keyDistribute(RoomId room, long sender, List<Long> recipients) {
        List<SealedKeyEntry> entries = new ArrayList<>();
        for (long r : recipients) {
            entries.add(new SealedKeyEntry(new PeerId(r), random(80)));
        }
        return new ControlMessage.KeyDistribute(room, new PeerId(sender), new KeyId(0),
                ControlMessage.KeyMessage.ALGO, entries, random(64));
    }

    /**
     * The encoding of {@code message} plus an unknown trailing key {@code "x_extra": "..."}: a valid
     * message (unknown keys are ignored) whose exact bytes the relay must forward.
     */
    public static byte[] withUnknownKey(ControlMessage message) {
        CborValue decoded = dev.parley.common.cbor.CborReader.decode(ControlCodec.encode(message)).orElseThrow();
        Map<String, CborValue> m = new LinkedHashMap<>(((CborValue.MapValue) decoded).entries());
        m.put("x_extra", new CborValue.Text("forward me byte for byte"));
        return CborWriter.encode(new CborValue.MapValue(m));
    }
}
