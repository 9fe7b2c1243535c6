package dev.parley.common.domain;

import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborValue.MapValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a joining client says about itself (PROTOCOL.md section 5.3). The relay stores and hands on
 * the whole map unchanged, unknown keys included, so the card is kept as the map it arrived as;
 * the typed accessors read the five known fields.
 *
 * <p>A card may be ill-formed (a field missing or of the wrong size): the relay refuses such a card
 * at JoinRoom, while a client receiving one inside a PeerInfo treats only that peer as failed
 * verification. {@link #problem()} says what is wrong.
 */
public record MemberCard(MapValue map) {
    public static final String ED25519_PUB = "ed25519_pub";
    public static final String X25519_PUB = "x25519_pub";
    public static final String X25519_SIG = "x25519_sig";
    public static final String PROOF = "proof";
    public static final String PROFILE = "profile";
    public static final int PROFILE_MIN = 28;
    public static final int PROFILE_MAX = 1024;

    /** Builds a card with exactly the five protocol fields, in the order the spec lists them. */
    public static MemberCard of(byte[] ed25519Pub, byte[] x25519Pub, byte[] x25519Sig, byte[] proof, byte[] profile) {
        Map<String, CborValue> m = new LinkedHashMap<>();
        m.put(ED25519_PUB, new CborValue.Bytes(ed25519Pub));
        m.put(X25519_PUB, new CborValue.Bytes(x25519Pub));
        m.put(X25519_SIG, new CborValue.Bytes(x25519Sig));
        m.put(PROOF, new CborValue.Bytes(proof));
        m.put(PROFILE, new CborValue.Bytes(profile));
        MemberCard card = new MemberCard(new MapValue(m));
        card.problem().ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return card;
    }

    /** Empty when the card is well-formed, else a sentence naming the first problem. */
    public Optional<String> problem() {
        if (map.has("peer_id")) {
            return Optional.of("a member card must not contain peer_id");
        }
        return checkBytes(ED25519_PUB, 32, 32)
                .or(() -> checkBytes(X25519_PUB, 32, 32))
                .or(() -> checkBytes(X25519_SIG, 64, 64))
                .or(() -> checkBytes(PROOF, 32, 32))
                .or(() -> checkBytes(PROFILE, PROFILE_MIN, PROFILE_MAX));
    }

    public boolean isWellFormed() {
        return problem().isEmpty();
    }

    public byte[] ed25519Pub() {
        return bytes(ED25519_PUB);
    }

    public byte[] x25519Pub() {
        return bytes(X25519_PUB);
    }

    public byte[] x25519Sig() {
        return bytes(X25519_SIG);
    }

    public byte[] proof() {
        return bytes(PROOF);
    }

    public byte[] profile() {
        return bytes(PROFILE);
    }

    private byte[] bytes(String key) {
        if (map.get(key).orElse(null) instanceof CborValue.Bytes b) {
            return b.value();
        }
        throw new IllegalStateException("member card has no byte string " + key + "; check problem() first");
    }

    private Optional<String> checkBytes(String key, int min, int max) {
        Optional<CborValue> v = map.get(key);
        if (v.isEmpty()) {
            return Optional.of("member card is missing " + key);
        }
        if (!(v.get() instanceof CborValue.Bytes b)) {
            return Optional.of("member card field " + key + " is not a byte string");
        }
        if (b.length() < min || b.length() > max) {
            return Optional.of(min == max
                    ? "member card field " + key + " must be " + min + " bytes, got " + b.length()
                    : "member card field " + key + " must be " + min + " to " + max + " bytes, got " + b.length());
        }
        return Optional.empty();
    }
}
