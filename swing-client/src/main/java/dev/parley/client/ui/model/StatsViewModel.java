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
    /** Shown for the relay's certificate when neither the engine nor the link names it. */
    public static final String NOT_PINNED = "Not pinned in the link";
    private final Clock clock;
    private final StatsFormat format;
    private CallStats stats;
    private long keyId = -1;
    private Instant lastRotation;
    private Optional<String> relayPin = Optional.empty();

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

    /**
     * The certificate pin of the invite link the call joined with. The engine reports no relay
     * fingerprint of its own yet, but a pinned call only connects to the certificate with exactly this
     * SHA-256, so it is the relay's.
     */
    public void relayPinned(Optional<String> pin) {
        relayPin = pin;
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
        Optional<String> reported = stats == null ? Optional.empty() : stats.relayFingerprint();
        String relay = reported.or(() -> relayPin).map(format::fingerprint)
                .orElse(stats == null ? StatsFormat.NONE : NOT_PINNED);
        if (stats == null) {
            return new StatsView(StatsFormat.NONE, StatsFormat.NONE, StatsFormat.NONE, key, since, relay, List.of(),
                    StatsFormat.NONE);
        }
        List<StatsView.Row> rows = new ArrayList<>();
        for (PeerStats p : stats.peers()) {
            rows.add(new StatsView.Row(p.peerId().toString(),
                    names.apply(p.peerId()).orElse(ParticipantTileModel.UNKNOWN_NAME),
                    format.percent(p.lossFraction()), format.millis(p.jitterMs()), format.millis(p.bufferMs()),
                    format.bitrate(p.bitrateIn()), p.keyId() < 0 ? StatsFormat.NONE : "#" + p.keyId(),
                    format.percent(p.remoteLoss())));
        }
        return new StatsView(format.millis(stats.rttMs()), format.bitrate(stats.bitrateOut()),
                format.bitrate(stats.targetBitrate()), key, since, relay, rows, format.echo(stats.audioProcessing()));
    }
}
