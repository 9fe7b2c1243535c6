package dev.parley.client.ui.model;

import java.util.Map;
import java.util.Optional;

/**
 * Decides whose tile is highlighted as the one speaking: the loudest participant above
 * {@link SpeakingMeter#THRESHOLD}, held so the highlight does not jump between people at every
 * breath. The active speaker keeps it for {@value #HOLD_MS} ms after falling quiet; someone else
 * takes it over only after being the loudest for {@value #SWITCH_MS} ms in a row. Not thread-safe.
 */
public final class ActiveSpeaker {
    /** How long the highlight stays after the active speaker's last level above the threshold. */
    public static final long HOLD_MS = 1_500;
    /** How long another participant must be the loudest before the highlight moves to them. */
    public static final long SWITCH_MS = 600;

    private String active;
    private long activeLoudMs;
    private String challenger;
    private long challengerSinceMs;

    /**
     * Feeds one set of levels (0..1 by tile id, absent is silent) measured at {@code nowMs}.
     *
     * @return the tile id to highlight, if any
     */
    public Optional<String> update(Map<String, Double> levels, long nowMs) {
        String loudest = null;
        double max = 0;
        for (Map.Entry<String, Double> e : levels.entrySet()) {
            double level = e.getValue() == null || e.getValue().isNaN() ? 0 : e.getValue();
            if (level >= SpeakingMeter.THRESHOLD && (loudest == null || level > max)) {
                loudest = e.getKey();
                max = level;
            }
        }
        if (active != null && levels.getOrDefault(active, 0.0) >= SpeakingMeter.THRESHOLD) {
            activeLoudMs = nowMs;
        }
        if (active != null && nowMs - activeLoudMs > HOLD_MS) {
            active = null;
        }
        if (loudest == null || loudest.equals(active)) {
            challenger = null;
        } else if (active == null) {
            take(loudest, nowMs);
        } else if (!loudest.equals(challenger)) {
            challenger = loudest;
            challengerSinceMs = nowMs;
        } else if (nowMs - challengerSinceMs >= SWITCH_MS) {
            take(loudest, nowMs);
        }
        return current(nowMs);
    }

    /** The highlighted tile at {@code nowMs}, without new levels. */
    public Optional<String> current(long nowMs) {
        return active != null && nowMs - activeLoudMs <= HOLD_MS ? Optional.of(active) : Optional.empty();
    }

    /** The participant left: never highlight a tile that is gone. */
    public void forget(String tileId) {
        if (tileId.equals(active)) {
            active = null;
        }
        if (tileId.equals(challenger)) {
            challenger = null;
        }
    }

    private void take(String tileId, long nowMs) {
        active = tileId;
        activeLoudMs = nowMs;
        challenger = null;
    }
}
