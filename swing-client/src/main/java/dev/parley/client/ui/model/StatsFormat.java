package dev.parley.client.ui.model;

import dev.parley.common.media.AudioProcessorStats;

import java.time.Duration;
import java.util.Locale;

/** How numbers of the stats panel read: units spelled out, sensible precision. */
public final class StatsFormat {
    public static final String NONE = "\u2014";

    private final Locale locale;

    public StatsFormat(Locale locale) {
        this.locale = locale;
    }

    /** "950 bit/s", "31.8 kbit/s", "1.20 Mbit/s". */
    public String bitrate(long bitsPerSecond) {
        if (bitsPerSecond < 0) {
            return NONE;
        }
        if (bitsPerSecond < 1_000) {
            return bitsPerSecond + " bit/s";
        }
        if (bitsPerSecond < 1_000_000) {
            return String.format(locale, "%.1f kbit/s", bitsPerSecond / 1_000.0);
        }
        return String.format(locale, "%.2f Mbit/s", bitsPerSecond / 1_000_000.0);
    }

    /** A fraction 0..1 as "0 %", "0.4 %", "12 %". */
    public String percent(double fraction) {
        if (Double.isNaN(fraction) || fraction < 0) {
            return NONE;
        }
        double p = Math.min(1, fraction) * 100;
        if (p == 0) {
            return "0 %";
        }
        return p < 10 ? String.format(locale, "%.1f %%", p) : String.format(locale, "%.0f %%", p);
    }

    /** Milliseconds: one decimal below 10 ms, whole above. */
    public String millis(double ms) {
        if (Double.isNaN(ms) || ms < 0) {
            return NONE;
        }
        return ms < 10 ? String.format(locale, "%.1f ms", ms) : String.format(locale, "%.0f ms", ms);
    }

    /**
     * The echo canceller at work, "31 dB less echo, 56 ms delay" (its own estimates); "Off" while
     * it is; {@link #NONE} until it has figures.
     */
    public String echo(AudioProcessorStats stats) {
        if (!stats.settings().echoCancellation()) {
            return "Off";
        }
        if (stats.echoReturnLossEnhancementDb().isEmpty() || stats.echoDelayMillis().isEmpty()) {
            return NONE;
        }
        return String.format(locale, "%.0f dB less echo, %s delay", stats.echoReturnLossEnhancementDb().getAsDouble(),
                millis(stats.echoDelayMillis().getAsInt()));
    }

    /** "just now", "42 s ago", "3 min 5 s ago", "2 h 1 min ago". */
    public String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "just now";
        }
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s ago";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min ago";
    }

    /** 64 hex digits as 16 groups of 4 in two lines of 8, the way people compare them. */
    public String fingerprint(String hex) {
        String h = hex.toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            return hex;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 64; i += 4) {
            if (i > 0) {
                s.append(i == 32 ? '\n' : ' ');
            }
            s.append(h, i, i + 4);
        }
        return s.toString();
    }
}
