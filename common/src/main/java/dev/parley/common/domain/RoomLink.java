package dev.parley.common.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * An invite link {@code parley://HOST[:PORT]/r/SECRET[?pin=FINGERPRINT]} (PROTOCOL.md section 2).
 * Parsing and formatting live in {@code dev.parley.common.crypto.RoomLinks}; derived keys in
 * {@code RoomKeys}. The secret never goes to the relay, so {@link #toString()} hides it.
 *
 * @param host a DNS name, IPv4 address, or IPv6 address without brackets
 * @param port UDP port, 1..65535
 * @param secret the 32-byte room secret
 * @param pin SHA-256 of the relay's leaf certificate (64 lowercase hex digits), if pinned
 */
public record RoomLink(String host, int port, byte[] secret, Optional<String> pin) {
    public static final int DEFAULT_PORT = 4433;
    public static final int SECRET_LENGTH = 32;

    public RoomLink {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535");
        }
        if (secret.length != SECRET_LENGTH) {
            throw new IllegalArgumentException("room secret must be 32 bytes");
        }
        secret = secret.clone();
        pin = pin == null ? Optional.empty() : pin;
        pin.ifPresent(p -> {
            if (!p.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("pin must be 64 lowercase hex digits");
            }
        });
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoomLink l && host.equals(l.host) && port == l.port
                && Arrays.equals(secret, l.secret) && pin.equals(l.pin);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return "RoomLink[host=" + host + ", port=" + port + ", secret=<redacted>, pin=" + pin.orElse("none") + "]";
    }
}
