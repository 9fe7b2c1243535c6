package dev.parley.common.crypto;

import dev.parley.common.crypto.KeyVerification.Dropped;
import dev.parley.common.crypto.KeyVerification.Reason;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.ControlMessage.KeyMessage;
import dev.parley.common.domain.ControlMessage.KeyRotate;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds, signs and verifies KeyDistribute and KeyRotate (PROTOCOL.md section 7). The signature
 * covers
 * <pre>
 * "parley/v1 keys" || u8(t) || u64(room_id) || u64(sender_id) || u32(key_id) || u16(count)
 *   || for each entry in array order: u64(recipient_id) || sealed
 * </pre>
 * with t = 1 for KeyDistribute and 2 for KeyRotate.
 */
public final class KeyMessages {
    static final String LABEL = "parley/v1 keys";
    public static final int MAX_ENTRIES = 0xFFFF;

    private KeyMessages() {
    }

    /** A recipient of a sender key: a verified peer's id and join key. */
    public record Recipient(PeerId peerId, byte[] x25519Pub) {
        public Recipient {
            Bytes.requireLength(x25519Pub, 32, "x25519_pub");
            x25519Pub = x25519Pub.clone();
        }

        public static Recipient of(VerifiedPeer peer) {
            return new Recipient(peer.peerId(), peer.x25519Pub());
        }

        @Override
        public byte[] x25519Pub() {
            return x25519Pub.clone();
        }
    }

    /** This client's side of a call, which a key message must be addressed to. */
    public record Receiver(RoomId roomId, PeerId ownPeerId, JoinKeyPair joinKey) {
    }

    /** A signed KeyDistribute of {@code key} to every recipient, in the given order. */
    public static KeyDistribute distribute(IdentityKeyPair identity, RoomId roomId, PeerId senderId, SenderKey key,
                                           List<Recipient> recipients, SecureRandom random) {
        List<SealedKeyEntry> entries = sealAll(roomId, senderId, key, recipients, random);
        byte[] sig = identity.sign(signedContent(1, roomId, senderId, key.keyId(), entries));
        return new KeyDistribute(roomId, senderId, key.keyId(), KeyMessage.ALGO, entries, sig);
    }

    /** A signed KeyRotate of {@code key} to every recipient, in the given order. */
    public static KeyRotate rotate(IdentityKeyPair identity, RoomId roomId, PeerId senderId, SenderKey key,
                                   List<Recipient> recipients, SecureRandom random) {
        List<SealedKeyEntry> entries = sealAll(roomId, senderId, key, recipients, random);
        byte[] sig = identity.sign(signedContent(2, roomId, senderId, key.keyId(), entries));
        return new KeyRotate(roomId, senderId, key.keyId(), KeyMessage.ALGO, entries, sig);
    }

    /** A KeyDistribute from already sealed entries: for test vectors. */
    static KeyDistribute distribute(IdentityKeyPair identity, RoomId roomId, PeerId senderId, KeyId keyId,
                                    List<SealedKeyEntry> entries) {
        byte[] sig = identity.sign(signedContent(1, roomId, senderId, keyId, entries));
        return new KeyDistribute(roomId, senderId, keyId, KeyMessage.ALGO, entries, sig);
    }

    /** The bytes the signature of {@code message} covers. */
    public static byte[] signedContent(KeyMessage message) {
        return signedContent(message.signatureTypeByte(), message.roomId(), message.senderId(), message.keyId(),
                message.sealedKeys());
    }

    /** The bytes a key message's signature covers; {@code t} is 1 (KeyDistribute) or 2 (KeyRotate). */
    public static byte[] signedContent(int t, RoomId roomId, PeerId senderId, KeyId keyId, List<SealedKeyEntry> entries) {
        if (t != 1 && t != 2) {
            throw new IllegalArgumentException("t must be 1 or 2");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a key message holds at most " + MAX_ENTRIES + " entries");
        }
        byte[] label = Bytes.utf8(LABEL);
        byte[] out = new byte[label.length + 1 + 8 + 8 + 4 + 2 + entries.size() * (8 + SealedKeyEntry.SEALED_LENGTH)];
        int p = 0;
        System.arraycopy(label, 0, out, p, label.length);
        p += label.length;
        out[p++] = (byte) t;
        Bytes.putU64(out, p, roomId.value());
        p += 8;
        Bytes.putU64(out, p, senderId.value());
        p += 8;
        Bytes.putU32(out, p, keyId.value());
        p += 4;
        Bytes.putU16(out, p, entries.size());
        p += 2;
        for (SealedKeyEntry e : entries) {
            Bytes.putU64(out, p, e.recipientId().value());
            p += 8;
            System.arraycopy(e.sealed(), 0, out, p, SealedKeyEntry.SEALED_LENGTH);
            p += SealedKeyEntry.SEALED_LENGTH;
        }
        return out;
    }

    /**
     * Checks a received key message against every drop rule of section 7 and unseals this client's
     * entry.
     *
     * @param sender             the verified peer whose {@code peer_id} is the message's {@code sender_id}, if any
     * @param highestAccepted    the highest key id accepted from that sender in this join, if any
     */
    public static KeyVerification verify(KeyMessage message, Optional<VerifiedPeer> sender,
                                         Optional<KeyId> highestAccepted, Receiver me) {
        if (sender.isEmpty() || !sender.get().peerId().equals(message.senderId())) {
            return drop(Reason.SENDER_NOT_VERIFIED, "sender " + message.senderId() + " is not a verified peer");
        }
        if (!message.roomId().equals(me.roomId())) {
            return drop(Reason.WRONG_ROOM, "room_id " + message.roomId() + " is not this call's room");
        }
        if (!KeyMessage.ALGO.equals(message.algo())) {
            return drop(Reason.UNSUPPORTED_ALGO, "algo is not " + KeyMessage.ALGO);
        }
        List<SealedKeyEntry> entries = message.sealedKeys();
        if (entries.size() > MAX_ENTRIES) {
            return drop(Reason.TOO_MANY_ENTRIES, entries.size() + " entries; at most " + MAX_ENTRIES + " can be signed");
        }
        Set<PeerId> seen = new HashSet<>();
        SealedKeyEntry own = null;
        for (SealedKeyEntry e : entries) {
            if (!seen.add(e.recipientId())) {
                return drop(Reason.DUPLICATE_RECIPIENT, "recipient " + e.recipientId() + " appears twice");
            }
            if (e.recipientId().equals(me.ownPeerId())) {
                own = e;
            }
        }
        if (!IdentityKeyPair.verify(sender.get().ed25519Pub(), signedContent(message), message.signature())) {
            return drop(Reason.BAD_SIGNATURE, "the signature does not verify under the sender's identity key");
        }
        if (highestAccepted.isPresent() && message.keyId().compareTo(highestAccepted.get()) <= 0) {
            return drop(Reason.STALE_KEY_ID, "key_id " + message.keyId() + " is not above the highest accepted, "
                    + highestAccepted.get());
        }
        if (own == null) {
            return drop(Reason.OWN_ENTRY_MISSING, "no entry for this client (" + me.ownPeerId() + ")");
        }
        SenderKeySealer.Unsealed u = SenderKeySealer.unseal(own.sealed(), message.roomId(), message.senderId(),
                me.ownPeerId(), message.keyId(), me.joinKey());
        if (u instanceof SenderKeySealer.Unsealed.Ok ok) {
            return new KeyVerification.Accepted(ok.key());
        }
        return drop(Reason.OWN_ENTRY_DOES_NOT_UNSEAL, "this client's entry does not unseal: "
                + ((SenderKeySealer.Unsealed.Failed) u).reason());
    }

    private static List<SealedKeyEntry> sealAll(RoomId roomId, PeerId senderId, SenderKey key,
                                                List<Recipient> recipients, SecureRandom random) {
        if (recipients.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " recipients");
        }
        Set<PeerId> seen = new HashSet<>();
        List<SealedKeyEntry> entries = new ArrayList<>(recipients.size());
        for (Recipient r : recipients) {
            if (!seen.add(r.peerId())) {
                throw new IllegalArgumentException("recipient " + r.peerId() + " is listed twice");
            }
            byte[] sealed = SenderKeySealer.seal(key, roomId, senderId, r.peerId(), r.x25519Pub, random);
            entries.add(new SealedKeyEntry(r.peerId(), sealed));
        }
        return entries;
    }

    private static Dropped drop(Reason reason, String message) {
        return new Dropped(reason, message);
    }
}
