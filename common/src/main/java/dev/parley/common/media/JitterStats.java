package dev.parley.common.media;

/**
 * A snapshot of one {@link JitterBuffer}'s counters (since creation) and current state.
 *
 * @param received            packets offered (valid ones, duplicates and late ones included)
 * @param decoded             packets played
 * @param late                packets dropped because their slot had passed
 * @param duplicates          packets dropped because they were stored or played already
 * @param lost                slots concealed or FEC-rebuilt because their packet was missing when due (a
 *                            DTX gap that starts while its end is unknown counts too); for the network's
 *                            loss use {@link #missing()}
 * @param concealed           frames made by loss concealment (PLC)
 * @param fecRecovered        frames rebuilt from the next packet's in-band FEC
 * @param silent              ticks that played silence (DTX gaps, before start, after long losses)
 * @param grown               ticks that held playout back to deepen the buffer
 * @param shrunk              silent slots dropped to make the buffer shallower
 * @param corrupt             packets the decoder refused
 * @param resyncs             stream restarts (timestamps jumped far ahead, or packets stayed far late)
 * @param skipped             packets dropped unplayed to catch up with live: when playout (re)started
 *                            with a backlog of old packets, e.g. after the speaker blocked playout
 * @param firstPacketIndex    lowest packet index seen, -1 before the first packet
 * @param highestPacketIndex  highest packet index seen, -1 before the first packet
 * @param targetDelayMillis   the delay the buffer currently aims for
 * @param currentDelayMillis  the delay it currently has: playout time minus the earliest arrival in the window
 * @param interarrivalJitterMillis RFC 3550 interarrival jitter, for receiver reports
 * @param acceleratedMillis   speech removed by time stretching (pitch periods) to shed delay above the target
 * @param stretchedMillis     speech added by time stretching (repeated pitch periods) to grow the buffer or
 *                            to wait for a late packet instead of concealing
 */
public record JitterStats(long received, long decoded, long late, long duplicates, long lost, long concealed,
                          long fecRecovered, long silent, long grown, long shrunk, long corrupt, long resyncs, long skipped,
                          long firstPacketIndex, long highestPacketIndex,
                          int targetDelayMillis, int currentDelayMillis, double interarrivalJitterMillis,
                          long acceleratedMillis, long stretchedMillis) {

    /** Packets the sender sent from the first to the highest index seen. */
    public long expected() {
        return firstPacketIndex < 0 ? 0 : highestPacketIndex - firstPacketIndex + 1;
    }

    /** Packets the network lost (never arrived, late ones not counted): for receiver reports. */
    public long missing() {
        return Math.max(0, expected() - (received - duplicates));
    }
}
