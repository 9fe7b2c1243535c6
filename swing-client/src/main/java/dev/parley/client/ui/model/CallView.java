package dev.parley.client.ui.model;

import dev.parley.common.call.ConnectionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One immutable snapshot of the call screen.
 *
 * @param state       where the connection stands
 * @param statusText  a sentence for the status bar
 * @param muted       whether your microphone is muted
 * @param pushToTalk  whether push-to-talk is on
 * @param self        your own tile
 * @param peers       the other participants, in join order
 * @param stats       the stats panel's text
 * @param ended       set once the call is over
 * @param video       the camera and screen-share controls
 * @param screens     the screens others share, in the order they started
 * @param stage       how tiles and screens are arranged
 * @param processing  the microphone's clean-up toggles
 */
public record CallView(ConnectionState state, String statusText, boolean muted, boolean pushToTalk,
                       ParticipantTileModel self, List<ParticipantTileModel> peers, StatsView stats,
                       Optional<Ended> ended, VideoControls video, List<ScreenShareModel> screens, Stage stage,
                       ProcessingControls processing) {

    public CallView {
        peers = List.copyOf(peers);
        screens = List.copyOf(screens);
    }

    /** The tile with this id, if it is in the call. */
    public Optional<ParticipantTileModel> tile(String tileId) {
        return tiles().stream().filter(t -> t.tileId().equals(tileId)).findFirst();
    }

    /** The screen share with this item id, if it is running. */
    public Optional<ScreenShareModel> screen(String itemId) {
        return screens.stream().filter(s -> s.itemId().equals(itemId)).findFirst();
    }

    /** Your tile first, then everyone else. */
    public List<ParticipantTileModel> tiles() {
        List<ParticipantTileModel> all = new ArrayList<>(peers.size() + 1);
        all.add(self);
        all.addAll(peers);
        return all;
    }

    /**
     * How the call ended.
     *
     * @param clean  the user left (or the relay closed politely)
     * @param notice what to tell the user; empty for a clean end
     */
    public record Ended(boolean clean, Optional<EndNotice> notice) {
    }
}
