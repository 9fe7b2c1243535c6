package dev.parley.client.ui.engine;

import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Invite links through {@link RoomLinks}, the protocol's own parser, with its explanations turned
 * into sentences for the start screen.
 */
public final class ProtocolRoomLinks implements RoomLinkCodec {

    @Override
    public Decoded<RoomLink> parse(String text) {
        Decoded<RoomLink> parsed = RoomLinks.parse(text);
        if (parsed instanceof Decoded.Failed<RoomLink> f) {
            return Decoded.failed(f.error().reason(), sentence("This link does not work: ", f.error().message()));
        }
        return parsed;
    }

    @Override
    public String format(RoomLink link) {
        return RoomLinks.format(link);
    }

    @Override
    public Decoded<RoomLink> newRoom(String relayAddress, Optional<String> pin, SecureRandom random) {
        // The relay address is a link's authority: let the link parser judge it, with a dummy secret.
        String address = relayAddress.strip();
        Decoded<RoomLink> probe = RoomLinks.parse("parley://" + address + "/r/" + "A".repeat(RoomLinks.SECRET_CHARS));
        if (probe instanceof Decoded.Failed<RoomLink> f) {
            String why = f.error().message().replace("after parley://", "").replace("parley://", "")
                    .replace("/r/...", "").strip();
            return Decoded.failed(f.error().reason(), sentence("This relay address does not work: ", why));
        }
        RoomLink at = probe.orElseThrow();
        return Decoded.ok(RoomLinks.create(at.host(), at.port(), pin.map(p -> p.toLowerCase(Locale.ROOT)), random));
    }

    private static String sentence(String lead, String why) {
        String s = lead + why;
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
    }
}
