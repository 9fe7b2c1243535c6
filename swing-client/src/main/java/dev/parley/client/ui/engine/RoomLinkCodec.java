package dev.parley.client.ui.engine;

import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;

import java.security.SecureRandom;
import java.util.Optional;

/** Reads and writes invite links (PROTOCOL.md section 2). */
public interface RoomLinkCodec {

    /** The link, or a failure whose message is a sentence a person understands. */
    Decoded<RoomLink> parse(String text);

    /** The canonical text of a link, secret included: for the user to copy, never to log. */
    String format(RoomLink link);

    /**
     * A link to a new room with a fresh secret on the relay at {@code relayAddress} ({@code host[:port]},
     * IPv6 in brackets), or a sentence saying what is wrong with the address.
     *
     * @param pin 64 lowercase hex digits, if the link should pin the relay's certificate
     */
    Decoded<RoomLink> newRoom(String relayAddress, Optional<String> pin, SecureRandom random);
}
