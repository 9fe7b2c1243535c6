package dev.parley.client.ui.engine;

import dev.parley.common.domain.RoomLink;

import java.util.Optional;

/**
 * Everything the user chose on the start screen, validated. {@link #toString()} hides the room
 * secret and the token, so a request may be logged.
 *
 * @param link        the parsed invite link
 * @param displayName the cleaned name others will see
 * @param token       access token for relays that require one
 * @param microphone  capture device name; empty is the system default
 * @param speaker     playback device name; empty is the system default
 */
public record JoinRequest(RoomLink link, String displayName, Optional<String> token, Optional<String> microphone,
                          Optional<String> speaker) {

    /** {@code host:port} of the relay, IPv6 in brackets; for messages. */
    public String relayAddress() {
        String host = link.host().contains(":") ? "[" + link.host() + "]" : link.host();
        return host + ":" + link.port();
    }

    @Override
    public String toString() {
        return "JoinRequest[relay=" + relayAddress() + ", name=" + displayName + ", token="
                + (token.isPresent() ? "<redacted>" : "none") + ", microphone=" + microphone.orElse("default")
                + ", speaker=" + speaker.orElse("default") + "]";
    }
}
