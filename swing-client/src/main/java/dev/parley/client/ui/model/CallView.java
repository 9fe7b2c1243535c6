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
 */
public record CallView(ConnectionState state, String statusText, boolean muted, boolean pushToTalk,
                       ParticipantTileModel self, List<ParticipantTileModel> peers, StatsView stats,
                       Optional<Ended> ended) {

    public CallView {
        peers = List.copyOf(peers);
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
