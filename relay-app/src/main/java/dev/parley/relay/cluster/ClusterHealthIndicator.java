package dev.parley.relay.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The cluster directory as health component {@code cluster}: UP while refreshes succeed, DOWN with
 * the reason when Redis does not answer (the relay goes on serving; the {@code quic} component
 * stays UP), UNKNOWN until this relay has registered.
 */
public final class ClusterHealthIndicator implements HealthIndicator {
    private final ClusterNode node;
    private final RedisDirectory directory;

    public ClusterHealthIndicator(ClusterNode node, RedisDirectory directory) {
        this.node = node;
        this.directory = directory;
    }

    @Override
    public Health health() {
        ClusterNode.Status status = node.status();
        Health.Builder health = switch (status.state()) {
            case UP -> Health.up();
            case DOWN -> Health.down().withDetail("error", status.reason());
            case STARTING -> Health.unknown().withDetail("state", status.reason());
        };
        String id = node.relayId();
        return health
                .withDetail("redis", directory.url())
                .withDetail("relay", id != null ? id : "not listening yet")
                .withDetail("since", status.since().toString())
                .withDetail("liveRelays", node.liveRelays().size())
                .withDetail("roomsHosted", node.roomsHosted())
                .build();
    }
}
