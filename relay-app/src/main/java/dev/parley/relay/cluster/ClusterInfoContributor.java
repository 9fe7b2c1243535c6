package dev.parley.relay.cluster;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/info}'s {@code cluster}: this relay's id and every live relay at the last
 * refresh, with its advertised address, pin and load. No room ids, no credentials.
 */
public final class ClusterInfoContributor implements InfoContributor {
    private final ClusterNode node;

    public ClusterInfoContributor(ClusterNode node) {
        this.node = node;
    }

    @Override
    public void contribute(Info.Builder builder) {
        List<Map<String, Object>> relays = new ArrayList<>();
        for (RelayEntry r : node.liveRelays()) {
            Map<String, Object> relay = new LinkedHashMap<>();
            relay.put("id", r.id());
            relay.put("host", r.host());
            relay.put("port", r.port());
            relay.put("pin", r.pin());
            relay.put("rooms", r.rooms());
            relay.put("members", r.members());
            relays.add(relay);
        }
        Map<String, Object> cluster = new LinkedHashMap<>();
        String id = node.relayId();
        cluster.put("relay", id != null ? id : "not listening yet");
        cluster.put("directory", node.status().state().name());
        cluster.put("relays", relays);
        builder.withDetail("cluster", cluster);
    }
}
