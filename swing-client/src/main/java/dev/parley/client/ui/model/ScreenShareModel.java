package dev.parley.client.ui.model;

import dev.parley.common.domain.PeerId;

/**
 * A screen someone shares with the call.
 *
 * @param itemId  its id among the call screen's items ({@code screen-<peer>})
 * @param peer    who shares it
 * @param caption what the view says, e.g. "Bob's screen"
 */
public record ScreenShareModel(String itemId, PeerId peer, String caption) {

    public static String itemId(PeerId peer) {
        return "screen-" + peer;
    }
}
