package dev.parley.relay.ops;

import dev.parley.common.quic.QuicTransport;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.server.QuicRelayServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The QUIC listener as its own health component ({@code quic}): UP while the UDP socket listens,
 * DOWN when it could not be bound (with the cause) or has stopped.
 */
@Component("quic")
public class QuicHealthIndicator implements HealthIndicator {
    private final QuicRelayServer server;
    private final RoomRegistry rooms;

    public QuicHealthIndicator(QuicRelayServer server, RoomRegistry rooms) {
        this.server = server;
        this.rooms = rooms;
    }

    @Override
    public Health health() {
        return switch (server.state()) {
            case LISTENING -> Health.up()
                    .withDetail("address", server.address().getAddress().getHostAddress())
                    .withDetail("port", server.port())
                    .withDetail("protocol", QuicTransport.ALPN)
                    .withDetail("transport", server.transport())
                    .withDetail("connections", server.connections())
                    .withDetail("rooms", rooms.rooms())
                    .withDetail("members", rooms.members())
                    .build();
            case FAILED -> Health.down()
                    .withDetail("error", String.valueOf(server.failure()))
                    .build();
            case NEW -> Health.down().withDetail("state", "not started").build();
            case STOPPED -> Health.down().withDetail("state", "stopped").build();
        };
    }
}
