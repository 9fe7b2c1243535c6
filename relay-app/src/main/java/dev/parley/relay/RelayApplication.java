package dev.parley.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;

/**
 * The Parley relay: a QUIC selective forwarding unit that routes sealed control messages and media
 * datagrams between the members of a room and can read neither (PROTOCOL.md sections 4 to 6).
 *
 * <p>Started from the repository root ({@code ./mvnw spring-boot:run}) it reads
 * {@code config/application.yml} and keeps its generated certificate in {@code config/tls/}.
 *
 * <p>Boot's Redis auto-configuration is off: it would connect to localhost:6379 and report a
 * {@code redis} health component DOWN on every relay that runs alone. The cluster package opens
 * its own connection, only when {@code parley.relay.cluster.redis} is set.
 */
@SpringBootApplication(exclude = {DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
        DataRedisRepositoriesAutoConfiguration.class, DataRedisHealthContributorAutoConfiguration.class,
        DataRedisReactiveHealthContributorAutoConfiguration.class, LettuceObservationAutoConfiguration.class})
@ConfigurationPropertiesScan
public class RelayApplication {

    public static void main(String[] args) {
        SpringApplication.run(RelayApplication.class, args);
    }
}
