package dev.parley.common.crypto;

import dev.parley.common.cbor.CborReader;
import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.crypto.CardVerification.Failed;
import dev.parley.common.crypto.CardVerification.Reason;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MemberCard;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Builds this client's member card and verifies other members' cards (PROTOCOL.md section 5.3):
 * <pre>
 * x25519_sig = Ed25519(identity, "parley/v1 x25519" || u64(room_id) || x25519_pub)
 * proof      = HMAC-SHA256(K_member, "parley/v1 member" || u64(room_id) || ed25519_pub || x25519_pub)
 * profile    = nonce(12) || ChaCha20-Poly1305(K_profile, nonce, CBOR {"name": name},
 *                                             aad = u64(room_id) || ed25519_pub)
 * </pre>
 */
public final class MemberCards {
    public static final int NAME_MAX_CODE_POINTS = 64;
    public static final int PROFILE_NONCE_LENGTH = 12;
    static final String X25519_LABEL = "parley/v1 x25519";
    static final String MEMBER_LABEL = "parley/v1 member";
    static final String NAME_KEY = "name";

    private MemberCards() {
    }

    /** This client's card for {@code room}, with a random profile nonce. */
    public static MemberCard build(IdentityKeyPair identity, JoinKeyPair joinKey, RoomKeys room, String displayName) {
        return build(identity, joinKey, room, displayName, new SecureRandom());
    }

    public static MemberCard build(IdentityKeyPair identity, JoinKeyPair joinKey, RoomKeys room, String displayName,
                                   SecureRandom random) {
        byte[] nonce = new byte[PROFILE_NONCE_LENGTH];
        random.nextBytes(nonce);
        return build(identity, joinKey, room, displayName, nonce);
    }

    /**
     * As above with a given profile nonce: for test vectors only (a repeated nonce under one room's
     * K_profile would expose both names).
     *
     * @throws IllegalArgumentException when the name breaks {@link #nameProblem(String)}
     */
    static MemberCard build(IdentityKeyPair identity, JoinKeyPair joinKey, RoomKeys room, String displayName,
                            byte[] profileNonce) {
        nameProblem(displayName).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Bytes.requireLength(profileNonce, PROFILE_NONCE_LENGTH, "profile nonce");
        byte[] ed = identity.publicKey();
        byte[] x = joinKey.publicKey();
        byte[] sig = identity.sign(x25519SigContent(room.roomId(), x));
        byte[] proof = proof(room, ed, x);
        byte[] plaintext = profilePlaintext(displayName);
        byte[] profile = sealProfile(room, ed, plaintext, profileNonce);
        Bytes.erase(plaintext);
        return MemberCard.of(ed, x, sig, proof, profile);
    }

    /** The plaintext of a profile: the CBOR map {@code {"name": name}}. */
    static byte[] profilePlaintext(String displayName) {
        return new CborWriter().startMap(1).writeText(NAME_KEY).writeText(displayName).toByteArray();
    }

    /**
     * Checks everything a card can prove by itself, plus that its {@code peer_id} is not this
     * client's own. Use {@link #verify(PeerInfo, RoomKeys, PeerId, byte[], Collection)} in a call,
     * which also checks the join key against this client's and the other members'.
     */
    public static CardVerification verify(PeerInfo peer, RoomKeys room, PeerId ownPeerId) {
        return verify(peer, room, ownPeerId, null, List.of());
    }

    /**
     * Verifies a PeerInfo in the context of a call: all of section 5.3's rules.
     *
     * @param ownX25519Pub        this client's join public key, or null when not yet known
     * @param otherMembersX25519  the join keys of the other current members (not including this peer's own entry)
     */
    public static CardVerification verify(PeerInfo peer, RoomKeys room, PeerId ownPeerId, byte[] ownX25519Pub,
                                          Collection<byte[]> otherMembersX25519) {
        MemberCard card = peer.card();
        Optional<String> problem = card.problem();
        if (problem.isPresent()) {
            return fail(Reason.ILL_FORMED, problem.get());
        }
        if (peer.peerId().equals(ownPeerId)) {
            return fail(Reason.OWN_PEER_ID, "the relay announced a peer with this client's own peer id " + ownPeerId);
        }
        RoomId roomId = room.roomId();
        byte[] ed = card.ed25519Pub();
        byte[] x = card.x25519Pub();
        if (!IdentityKeyPair.verify(ed, x25519SigContent(roomId, x), card.x25519Sig())) {
            return fail(Reason.BAD_X25519_SIG, "x25519_sig is not the identity key's signature over this room and join key");
        }
        if (!MessageDigest.isEqual(proof(room, ed, x), card.proof())) {
            return fail(Reason.BAD_PROOF, "proof does not verify under this room's member key: the card was not made with the room secret");
        }
        byte[] plaintext = openProfile(room, ed, card.profile());
        if (plaintext == null) {
            return fail(Reason.PROFILE_DOES_NOT_OPEN, "the profile does not open with this room's profile key");
        }
        Decoded<CborValue> decoded = CborReader.decode(plaintext);
        Bytes.erase(plaintext);
        if (!(decoded instanceof Decoded.Ok<CborValue> ok) || !(ok.value() instanceof CborValue.MapValue map)) {
            return fail(Reason.BAD_PROFILE, "the profile is not a CBOR map"
                    + (decoded.errorOrNull() != null ? ": " + decoded.errorOrNull().message() : ""));
        }
        if (!(map.get(NAME_KEY).orElse(null) instanceof CborValue.Text name)) {
            return fail(Reason.BAD_PROFILE, "the profile has no text field 'name'");
        }
        Optional<String> nameProblem = nameProblem(name.value());
        if (nameProblem.isPresent()) {
            return fail(Reason.BAD_NAME, nameProblem.get());
        }
        if (ownX25519Pub != null && MessageDigest.isEqual(x, ownX25519Pub)) {
            return fail(Reason.OWN_X25519_KEY, "the card's x25519_pub is this client's own join key");
        }
        for (byte[] other : otherMembersX25519) {
            if (MessageDigest.isEqual(x, other)) {
                return fail(Reason.DUPLICATE_X25519_KEY, "the card's x25519_pub is another current member's: a replayed card");
            }
        }
        if (isLowOrder(x)) {
            return fail(Reason.LOW_ORDER_X25519_KEY, "the card's x25519_pub is a low-order point; no key can be sealed to it");
        }
        return new VerifiedPeer(peer.peerId(), ed, x, name.value());
    }

    /** Empty when {@code name} is a valid display name: 1 to 64 Unicode code points of well-formed text. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the display name is empty; it must have 1 to 64 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return Optional.of("the display name is not well-formed Unicode (a lone surrogate at index " + i + ")");
                }
                i++;
            }
        }
        int n = name.codePointCount(0, name.length());
        if (n > NAME_MAX_CODE_POINTS) {
            return Optional.of("the display name has " + n + " characters; at most 64 are allowed");
        }
        return Optional.empty();
    }

    static byte[] x25519SigContent(RoomId roomId, byte[] x25519Pub) {
        return Bytes.concat(Bytes.utf8(X25519_LABEL), Bytes.u64(roomId.value()), x25519Pub);
    }

    static byte[] proof(RoomKeys room, byte[] ed25519Pub, byte[] x25519Pub) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(room.kMemberRef(), "HmacSHA256"));
            mac.update(Bytes.utf8(MEMBER_LABEL));
            mac.update(Bytes.u64(room.roomId().value()));
            mac.update(ed25519Pub);
            mac.update(x25519Pub);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** {@code nonce || ChaCha20-Poly1305(K_profile, nonce, plaintext, aad = u64(room_id) || ed25519_pub)}. */
    static byte[] sealProfile(RoomKeys room, byte[] ed25519Pub, byte[] plaintext, byte[] nonce) {
        byte[] aad = profileAad(room.roomId(), ed25519Pub);
        byte[] profile = new byte[PROFILE_NONCE_LENGTH + plaintext.length + ChaChaPoly.TAG_LENGTH];
        System.arraycopy(nonce, 0, profile, 0, PROFILE_NONCE_LENGTH);
        ChaChaPoly aead = new BcChaChaPoly(room.kProfileRef());
        aead.seal(nonce, aad, 0, aad.length, plaintext, 0, plaintext.length, profile, PROFILE_NONCE_LENGTH);
        aead.destroy();
        return profile;
    }

    /** The profile plaintext, or null when it does not open. */
    private static byte[] openProfile(RoomKeys room, byte[] ed25519Pub, byte[] profile) {
        byte[] nonce = Arrays.copyOf(profile, PROFILE_NONCE_LENGTH);
        byte[] aad = profileAad(room.roomId(), ed25519Pub);
        int ctLen = profile.length - PROFILE_NONCE_LENGTH;
        byte[] plaintext = new byte[ctLen - ChaChaPoly.TAG_LENGTH];
        ChaChaPoly aead = new BcChaChaPoly(room.kProfileRef());
        boolean ok = aead.open(nonce, aad, 0, aad.length, profile, PROFILE_NONCE_LENGTH, ctLen, plaintext, 0);
        aead.destroy();
        return ok ? plaintext : null;
    }

    private static byte[] profileAad(RoomId roomId, byte[] ed25519Pub) {
        return Bytes.concat(Bytes.u64(roomId.value()), ed25519Pub);
    }

    /** True for the points X25519 maps to zero under every clamped scalar (their order divides 8). */
    static boolean isLowOrder(byte[] x25519Pub) {
        byte[] k = new byte[32];
        k[0] = 8; // any clamped scalar would do: all are multiples of the cofactor 8
        k[31] = 0x40;
        byte[] r = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(k, 0, x25519Pub, 0, r, 0);
        return Bytes.isAllZero(r);
    }

    private static Failed fail(Reason reason, String message) {
        return new Failed(reason, message);
    }
}
