package dev.parley.relay.cluster;

import dev.parley.relay.RelayProperties;
import dev.parley.relay.core.RoomRegistry;
import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster's beans, created only when {@code parley.relay.cluster.redis} is set. The QUIC server
 * is looked up when the node starts, not injected: the server needs the control handler, which
 * needs the placement, which needs the node.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ClusterEnabled.class)
public class ClusterConfiguration {

    @Bean(destroyMethod = "close")
    RedisDirectory clusterDirectory(RelayProperties properties) {
        return new RedisDirectory(properties.cluster());
    }

    @Bean
    ClusterMetrics clusterMetrics(MeterRegistry meters) {
        return new ClusterMetrics(meters);
    }

    @Bean
    ClusterNode clusterNode(RelayProperties properties, RedisDirectory directory,
                            ObjectProvider<QuicRelayServer> server, RoomRegistry registry, RelayTls tls,
                            ClusterMetrics metrics) {
        return new ClusterNode(properties, directory, server, registry, tls, metrics);
    }

    @Bean
    ClusterPlacement clusterPlacement(RelayProperties properties, RedisDirectory directory, ClusterNode node,
                                      ClusterMetrics metrics) {
        return new ClusterPlacement(properties, directory, node, metrics);
    }

    @Bean("cluster")
    ClusterHealthIndicator clusterHealthIndicator(ClusterNode node, RedisDirectory directory) {
        return new ClusterHealthIndicator(node, directory);
    }

    @Bean
    ClusterInfoContributor clusterInfoContributor(ClusterNode node) {
        return new ClusterInfoContributor(node);
    }
}
