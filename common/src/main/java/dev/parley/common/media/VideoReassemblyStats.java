package dev.parley.common.media;

/**
 * Counters of one {@link VideoReassembler} since creation.
 *
 * @param completed   frames handed out
 * @param incomplete  partial frames given up (older than a completed frame, or pushed out by newer ones)
 * @param stale       chunks of frames older than the last completed one
 * @param duplicates  chunks received twice
 * @param malformed   chunks that contradict their frame's other chunks, or exceed the size limit
 */
public record VideoReassemblyStats(long completed, long incomplete, long stale, long duplicates, long malformed) {
}
