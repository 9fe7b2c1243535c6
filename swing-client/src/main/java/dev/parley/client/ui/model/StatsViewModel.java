package dev.parley.client.ui.model;

import dev.parley.common.call.CallStats;
import dev.parley.common.call.PeerStats;
import dev.parley.common.domain.PeerId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the newest {@link CallStats} and key rotation and renders them as {@link StatsView} text. Not
 * thread-safe: owned by {@link CallViewModel} on the UI thread.
 */
public final class StatsViewModel {
    private final Clock clock;
    private final StatsFormat format;
    private CallStats stats;
    private long keyId = -1;
    private Instant lastRotation;

    public StatsViewModel(Clock clock, StatsFormat format) {
        this.clock = clock;
        this.format = format;
    }

    public void update(CallStats newStats) {
        stats = newStats;
        if (lastRotation == null || !newStats.lastRotation().isBefore(lastRotation)) {
            keyId = newStats.ownKeyId();
            lastRotation = newStats.lastRotation();
        }
    }

    public void keysRotated(long newKeyId, Instant at) {
        if (lastRotation == null || !at.isBefore(lastRotation)) {
            keyId = newKeyId;
            lastRotation = at;
        }
    }

    /** The panel's text now; {@code names} gives a participant's display name by peer id. */
    public StatsView view(Function<PeerId, Optional<String>> names) {
        String key = keyId < 0 ? StatsFormat.NONE : "#" + keyId;
        String since = lastRotation == null ? StatsFormat.NONE
                : format.ago(Duration.between(lastRotation, clock.instant()));
        if (stats == null) {
            return new StatsView(StatsFormat.NONE, StatsFormat.NONE, StatsFormat.NONE, key, since, StatsFormat.NONE,
                    List.of());
        }
        List<StatsView.Row> rows = new ArrayList<>();
        for (PeerStats p : stats.peers()) {
            rows.add(new StatsView.Row(p.peerId().toString(),
                    names.apply(p.peerId()).orElse(ParticipantTileModel.UNKNOWN_NAME),
                    format.percent(p.lossFraction()), format.millis(p.jitterMs()), format.millis(p.bufferMs()),
                    format.bitrate(p.bitrateIn()), p.keyId() < 0 ? StatsFormat.NONE : "#" + p.keyId(),
                    format.percent(p.remoteLoss())));
        }
        String relay = stats.relayFingerprint().map(format::fingerprint)
                .orElse("Not available yet");
        return new StatsView(format.millis(stats.rttMs()), format.bitrate(stats.bitrateOut()),
                format.bitrate(stats.targetBitrate()), key, since, relay, rows);
    }
}
