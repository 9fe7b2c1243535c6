package dev.parley.common.crypto;

import java.util.Arrays;

/** The outcome of {@link MediaCipher#open}: the plaintext, or why the datagram was dropped. */
public sealed interface MediaOpenResult {

    /** Decrypted: the plaintext is {@code buffer[offset, offset + length)}. */
    record Opened(byte[] buffer, int offset, int length) implements MediaOpenResult {
        /** A copy of exactly the plaintext bytes. */
        public byte[] plaintext() {
            return Arrays.copyOfRange(buffer, offset, offset + length);
        }

        @Override
        public String toString() {
            return "Opened[length=" + length + "]";
        }
    }

    /** Dropped. Instances are shared, so failing costs no allocation. */
    record Failed(Reason reason) implements MediaOpenResult {
        private static final Failed[] BY_REASON = java.util.stream.Stream.of(Reason.values())
                .map(Failed::new).toArray(Failed[]::new);

        public static Failed of(Reason reason) {
            return BY_REASON[reason.ordinal()];
        }
    }

    /** Why a datagram did not open. */
    enum Reason {
        /** Shorter than a header and a tag, longer than 1,100 bytes, ct_len not matching, or wrong magic/version/kind. */
        MALFORMED,
        /** The header's key_id is not this cipher's key. */
        WRONG_KEY_ID,
        /** The tag did not verify: wrong key, or a changed header or ciphertext. */
        AUTHENTICATION_FAILED
    }
}
