package dev.parley.relay.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cluster's meters ({@code parley.relay.cluster.*}). Tags carry categories only, never a room
 * or relay id.
 */
public final class ClusterMetrics {

    /** Why a JoinRoom was answered with Redirect. */
    public enum RedirectReason {
        /** Another live relay hosts the room. */
        HOSTED_ELSEWHERE,
        /** Nobody hosted it and this relay is above its load: the least loaded relay gets it. */
        PLACED_ELSEWHERE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<RedirectReason, Counter> redirects = new ConcurrentHashMap<>();
    private final Counter placedElsewhere;
    private final Counter movedAway;
    private final Map<String, Counter> directoryErrors = new ConcurrentHashMap<>();

    public ClusterMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RedirectReason r : RedirectReason.values()) {
            redirects.put(r, Counter.builder("parley.relay.cluster.redirects").tag("reason", r.tag())
                    .description("JoinRoom answered with Redirect, by reason").register(registry));
        }
        placedElsewhere = Counter.builder("parley.relay.cluster.rooms.placed.elsewhere")
                .description("New rooms this relay sent to a less loaded relay").register(registry);
        movedAway = Counter.builder("parley.relay.cluster.rooms.moved.away")
                .description("Rooms split during a directory outage whose members here were sent to the owner")
                .register(registry);
    }

    void roomMovedAway() {
        movedAway.increment();
    }

    void gauges(Supplier<Number> roomsOwned, Supplier<Number> liveRelays) {
        Gauge.builder("parley.relay.cluster.rooms.owned", roomsOwned)
                .description("Rooms hosted here that this relay claims in the directory").register(registry);
        Gauge.builder("parley.relay.cluster.relays", liveRelays)
                .description("Live relays in the cluster, this one included, at the last refresh").register(registry);
    }

    void redirect(RedirectReason reason) {
        redirects.get(reason).increment();
        if (reason == RedirectReason.PLACED_ELSEWHERE) {
            placedElsewhere.increment();
        }
    }

    /** A directory call failed or timed out, by what it was for (join, refresh, release). */
    void directoryError(String operation) {
        directoryErrors.computeIfAbsent(operation, o -> Counter.builder("parley.relay.cluster.directory.errors")
                .tag("operation", o).description("Directory (Redis) calls that failed or timed out, by operation")
                .register(registry)).increment();
    }
}
