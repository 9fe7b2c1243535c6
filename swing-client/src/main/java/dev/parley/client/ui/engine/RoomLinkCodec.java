package dev.parley.client.ui.engine;

import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;

/** Reads and writes invite links (PROTOCOL.md section 2). */
public interface RoomLinkCodec {

    /** The link, or a failure whose message is a sentence a person understands. */
    Decoded<RoomLink> parse(String text);

    /** The canonical text of a link, secret included: for the user to copy, never to log. */
    String format(RoomLink link);
}
