package dev.parley.common.media;

/** What a {@link JitterBuffer} did with an offered packet. */
public enum OfferResult {
    /** Stored for playout. */
    BUFFERED,
    /** Already stored or already played: dropped. */
    DUPLICATE,
    /** Its playout slot has passed: dropped and counted. */
    LATE,
    /** Empty or larger than the configured maximum: dropped. */
    INVALID
}
