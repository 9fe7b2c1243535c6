package dev.parley.client.ui.swing;

import dev.parley.common.domain.PeerId;

/** What a participant tile asks of the call screen. Called on the event thread. */
interface TileActions {
    void volumeChanged(PeerId peer, double volume);

    void showSafetyNumber(PeerId peer);

    void showOwnFingerprint();

    /** A double-click: the item (tile id or screen item id) becomes the main view, or goes back. */
    void toggleEnlarged(String itemId);
}
