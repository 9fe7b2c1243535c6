package dev.parley.common.call;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.RoomLink;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a connection goes: the link's relay, or the one a {@code Redirect} names (PROTOCOL.md
 * section 10). The pin is trusted as PROTOCOL.md says: a redirect's own pin when it has one (it came
 * over a connection already trusted), else the link's; without either, the platform trust store and
 * the host name.
 *
 * @param host DNS name or IP address (IPv6 without brackets)
 * @param port UDP port
 * @param pin  64 lowercase hex digits, or empty
 */
record RelayTarget(String host, int port, Optional<String> pin) {

    static RelayTarget of(RoomLink link) {
        return new RelayTarget(link.host(), link.port(), link.pin());
    }

    /** The target a redirect names, reached from a join through {@code link}. */
    static RelayTarget of(ControlMessage.Redirect redirect, RoomLink link) {
        Optional<String> pin = redirect.pin().map(p -> HexFormat.of().formatHex(p));
        return new RelayTarget(redirect.host(), (int) redirect.port(), pin.isPresent() ? pin : link.pin());
    }

    /** {@code host:port}, IPv6 in brackets. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
