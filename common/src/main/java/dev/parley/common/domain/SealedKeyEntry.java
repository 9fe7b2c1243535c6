package dev.parley.common.domain;

import java.util.Arrays;

/** One recipient's copy of a sealed sender key: 32-byte ephemeral public key, 32-byte secret, 16-byte tag. */
public record SealedKeyEntry(PeerId recipientId, byte[] sealed) {
    public static final int SEALED_LENGTH = 80;

    public SealedKeyEntry {
        if (sealed.length != SEALED_LENGTH) {
            throw new IllegalArgumentException("sealed must be 80 bytes, got " + sealed.length);
        }
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedKeyEntry e && recipientId.equals(e.recipientId) && Arrays.equals(sealed, e.sealed);
    }

    @Override
    public int hashCode() {
        return recipientId.hashCode() * 31 + Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "SealedKeyEntry[recipientId=" + recipientId + "]";
    }
}
