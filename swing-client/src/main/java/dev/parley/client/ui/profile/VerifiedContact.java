package dev.parley.client.ui.profile;

import java.time.Instant;
import java.util.HexFormat;

/**
 * An identity the user compared safety numbers with and marked as verified.
 *
 * @param keyHex     the Ed25519 public key, 64 lowercase hex digits
 * @param name       the display name it had when it was verified (cleaned)
 * @param verifiedAt when the user marked it
 */
public record VerifiedContact(String keyHex, String name, Instant verifiedAt) {
    public VerifiedContact {
        if (!keyHex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an Ed25519 public key is 64 lowercase hex digits");
        }
        name = DisplayNames.clean(name).orElseThrow(() -> new IllegalArgumentException("a contact needs a name"));
    }

    public static String hex(byte[] ed25519Pub) {
        if (ed25519Pub.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        return HexFormat.of().formatHex(ed25519Pub);
    }
}
