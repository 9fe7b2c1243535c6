package dev.parley.client.ui.model;

/**
 * Turns raw speaking levels (0..1, about ten a second) into what a tile shows: a level that rises at
 * once and falls smoothly, and a "speaking" flag that stays on briefly after the voice drops, so the
 * indicator does not flicker between words.
 */
public final class SpeakingMeter {
    /** Level from which a participant counts as speaking. */
    public static final double THRESHOLD = 0.08;
    /** How long "speaking" holds after the last level above the threshold. */
    public static final long HOLD_MS = 400;
    /** The shown level halves every this many milliseconds once the input drops. */
    public static final long HALF_LIFE_MS = 120;

    private double shown;
    private long lastUpdateMs = Long.MIN_VALUE;
    private long lastLoudMs = Long.MIN_VALUE;

    /** What a tile shows at one moment. */
    public record Reading(double level, boolean speaking) {
        public static final Reading SILENT = new Reading(0, false);
    }

    /** Feeds one level measured at {@code nowMs} and returns the reading to show. */
    public Reading update(double level, long nowMs) {
        double clamped = Double.isNaN(level) ? 0 : Math.max(0, Math.min(1, level));
        double decayed = lastUpdateMs == Long.MIN_VALUE ? 0
                : shown * Math.pow(0.5, Math.max(0, nowMs - lastUpdateMs) / (double) HALF_LIFE_MS);
        shown = Math.max(clamped, decayed < 0.005 ? 0 : decayed);
        lastUpdateMs = nowMs;
        if (clamped >= THRESHOLD) {
            lastLoudMs = nowMs;
        }
        return reading(nowMs);
    }

    /** The reading at {@code nowMs} without new input. */
    public Reading reading(long nowMs) {
        boolean speaking = lastLoudMs != Long.MIN_VALUE && nowMs - lastLoudMs <= HOLD_MS;
        return new Reading(shown, speaking);
    }
}
