package dev.parley.common.crypto;

import dev.parley.common.domain.PeerId;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A peer whose card verified (PROTOCOL.md section 5.3): its identity and this join's key, and the
 * display name from its sealed profile. Only {@link MemberCards} creates one, so holding one means
 * the checks ran. It is not yet <em>present</em>: that takes a verified key message from it.
 * {@link #toString()} leaves out the display name, which the relay must never learn and logs
 * should not keep.
 */
public record VerifiedPeer(PeerId peerId, byte[] ed25519Pub, byte[] x25519Pub, String displayName)
        implements CardVerification {

    public VerifiedPeer {
        Bytes.requireLength(ed25519Pub, 32, "ed25519_pub");
        Bytes.requireLength(x25519Pub, 32, "x25519_pub");
        ed25519Pub = ed25519Pub.clone();
        x25519Pub = x25519Pub.clone();
    }

    @Override
    public byte[] ed25519Pub() {
        return ed25519Pub.clone();
    }

    @Override
    public byte[] x25519Pub() {
        return x25519Pub.clone();
    }

    /** This peer's 30-digit fingerprint (section 8). */
    public String fingerprint() {
        return Fingerprints.fingerprint(ed25519Pub);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedPeer p && peerId.equals(p.peerId) && MessageDigest.isEqual(ed25519Pub, p.ed25519Pub)
                && MessageDigest.isEqual(x25519Pub, p.x25519Pub) && displayName.equals(p.displayName);
    }

    @Override
    public int hashCode() {
        return peerId.hashCode() * 31 + java.util.Arrays.hashCode(ed25519Pub);
    }

    @Override
    public String toString() {
        return "VerifiedPeer[peerId=" + peerId + ", ed25519Pub=" + HexFormat.of().formatHex(ed25519Pub, 0, 8) + "...]";
    }
}
