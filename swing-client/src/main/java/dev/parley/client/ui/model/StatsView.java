package dev.parley.client.ui.model;

import java.util.List;

/**
 * The stats panel's text, ready to show.
 *
 * @param rtt              round trip to the relay
 * @param bitrateOut       audio we send
 * @param targetBitrate    the encoder's current target
 * @param keyId            our current sending key
 * @param sinceRotation    time since our key last changed
 * @param relayFingerprint the relay certificate's SHA-256, grouped; or why there is none
 * @param peers            one row per participant we receive
 * @param echo             the echo canceller: how much echo it removes and the delay it found, or "Off"
 */
public record StatsView(String rtt, String bitrateOut, String targetBitrate, String keyId, String sinceRotation,
                        String relayFingerprint, List<Row> peers, String echo) {

    public StatsView {
        peers = List.copyOf(peers);
    }

    public static final StatsView EMPTY = new StatsView(StatsFormat.NONE, StatsFormat.NONE, StatsFormat.NONE,
            StatsFormat.NONE, StatsFormat.NONE, StatsFormat.NONE, List.of(), StatsFormat.NONE);

    /**
     * One participant's receive statistics.
     *
     * @param tileId     the participant's tile id (its peer id)
     * @param name       its display name
     * @param loss       packets lost on the way to us
     * @param jitter     interarrival jitter
     * @param buffer     our jitter-buffer depth for it
     * @param bitrateIn  what we receive from it
     * @param keyId      the newest key of its we accepted
     * @param theirLoss  the loss it reports hearing from us
     */
    public record Row(String tileId, String name, String loss, String jitter, String buffer, String bitrateIn,
                      String keyId, String theirLoss) {
    }
}
