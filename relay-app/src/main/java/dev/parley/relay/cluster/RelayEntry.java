package dev.parley.relay.cluster;

import dev.parley.common.domain.ControlMessage;

import java.util.HexFormat;
import java.util.Optional;

/**
 * One relay's registration in the directory: where clients reach it, its certificate pin (the
 * SHA-256 of its leaf certificate, hex), and its load when it last renewed the registration.
 *
 * @param id the relay's id: its advertised {@code host:port}
 * @param host advertised host name or address
 * @param port advertised UDP port
 * @param pin SHA-256 of its leaf certificate (DER), 64 hex digits
 * @param members members in its rooms
 * @param rooms rooms it hosts
 */
public record RelayEntry(String id, String host, int port, String pin, int members, int rooms) {

    /** The same relay with its current load. */
    RelayEntry withLoad(int members, int rooms) {
        return new RelayEntry(id, host, port, pin, members, rooms);
    }

    /** The Redirect that sends a joiner here, pinned when the pin is well-formed. */
    ControlMessage.Redirect redirect() {
        Optional<byte[]> pinBytes = Optional.empty();
        if (pin != null && pin.matches("[0-9a-fA-F]{64}")) {
            pinBytes = Optional.of(HexFormat.of().parseHex(pin));
        }
        return new ControlMessage.Redirect(host, port, pinBytes);
    }

    /** Whether a Redirect to it can be built (another relay's entry is read from Redis). */
    boolean isUsable() {
        return id != null && host != null && !host.isEmpty() && port >= 1 && port <= 65535;
    }
}
