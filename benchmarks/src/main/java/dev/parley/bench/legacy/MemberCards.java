package dev.parley.bench.legacy;

import dev.parley.common.cbor.CborValue;


import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MemberCard and PeerInfo on the wire (PROTOCOL.md 5.3): the relay-side strict check of a card in
 * JoinRoom, and the lenient PeerInfo mapping a client uses, where a bad card fails only that peer.
 */
final class MemberCards {
    static final String PEER_ID = "peer_id";

    private MemberCards() {
    }

    /** The JoinRoom rule: a well-formed card that fits every later PeerList, else a typed failure. */
    static MemberCard strict(CborValue.MapValue map, String where) {
        MemberCard card = new MemberCard(map);
        var problem = card.problem();
        if (problem.isPresent()) {
            throw new WireFailure(reasonFor(map), where + ": " + problem.get());
        }
        int depth = CborValues.depth(map);
        if (depth > ControlLimits.MAX_CARD_DEPTH) {
            throw new WireFailure(Reason.MALFORMED, where + " is nested " + depth + " deep, at most "
                    + ControlLimits.MAX_CARD_DEPTH + " allowed");
        }
        int size = CborWriter.encode(map).length;
        if (size > ControlLimits.MAX_CARD_BYTES) {
            throw new WireFailure(Reason.TOO_LARGE, where + " takes " + size + " bytes, at most "
                    + ControlLimits.MAX_CARD_BYTES + " allowed");
        }
        return card;
    }

    /** Mirrors the order of {@link MemberCard#problem()} to give its sentence a category. */
    private static Reason reasonFor(CborValue.MapValue map) {
        if (map.has(PEER_ID)) {
            return Reason.INVALID;
        }
        String[] keys = {MemberCard.ED25519_PUB, MemberCard.X25519_PUB, MemberCard.X25519_SIG, MemberCard.PROOF,
                MemberCard.PROFILE};
        for (String key : keys) {
            CborValue v = map.entries().get(key);
            if (v == null) {
                return Reason.MISSING_KEY;
            }
            if (!(v instanceof CborValue.Bytes)) {
                return Reason.WRONG_TYPE;
            }
        }
        return Reason.WRONG_LENGTH;
    }

    /** A PeerInfo map: a valid {@code peer_id}, everything else becomes the card, well-formed or not. */
    static PeerInfo peerInfo(CborValue value, String where) {
        if (!(value instanceof CborValue.MapValue map)) {
            throw new WireFailure(Reason.WRONG_TYPE, where + " must be a map");
        }
        long peerId = new Fields(map, where).peerId(PEER_ID);
        Map<String, CborValue> card = new LinkedHashMap<>(map.entries());
        card.remove(PEER_ID);
        return new PeerInfo(new PeerId(peerId), new MemberCard(new CborValue.MapValue(card)));
    }

    /** {@code peer_id} first, then every card key in stored order. */
    static void writePeerInfo(CborWriter w, PeerInfo info) {
        Map<String, CborValue> card = info.card().map().entries();
        if (card.containsKey(PEER_ID)) {
            throw new IllegalArgumentException("a member card must not contain peer_id");
        }
        w.startMap(card.size() + 1);
        w.writeText(PEER_ID).writeUnsigned(info.peerId().value());
        for (Map.Entry<String, CborValue> e : card.entrySet()) {
            w.writeText(e.getKey()).write(e.getValue());
        }
    }
}
