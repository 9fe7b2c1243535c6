package dev.parley.relay;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** config/application.yml lists every parley.relay.* setting, each with its real default. */
class ConfigurationFileTest {
    private static final Path FILE = Path.of("..", "config", "application.yml");

    @Test
    void theShippedFileNamesEverySettingWithItsDefault() throws Exception {
        assertThat(FILE).exists();
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("config",
                new FileSystemResource(FILE));
        Set<String> documented = new TreeSet<>();
        for (PropertySource<?> source : sources) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (name.startsWith("parley.relay.")) {
                    documented.add(name);
                }
            }
        }
        assertThat(documented).isEqualTo(settings("parley.relay", RelayProperties.class));

        RelayProperties fromFile = new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("parley.relay", RelayProperties.class);
        RelayProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("parley.relay", RelayProperties.class);
        assertThat(fromFile).isEqualTo(defaults);
    }

    @Test
    void contradictoryQueueSizesAreRefusedAtStartup() {
        var source = new MapConfigurationPropertySource(Map.of(
                "parley.relay.quic.datagram-send-queue", "100",
                "parley.relay.egress.max-quic-backlog", "64KB"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new Binder(source).bindOrCreate("parley.relay", RelayProperties.class))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("datagram-send-queue");
    }

    @Test
    void clusterKeysThatWouldExpireBetweenRenewalsAreRefusedAndTheRedisPasswordIsNeverPrinted() {
        var source = new MapConfigurationPropertySource(Map.of(
                "parley.relay.cluster.redis", "redis://relay:s3cret@redis.internal:6379",
                "parley.relay.cluster.refresh-interval", "2s",
                "parley.relay.cluster.room-ttl", "2s"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new Binder(source).bindOrCreate("parley.relay", RelayProperties.class))
                .rootCause().hasMessageContaining("room-ttl");

        RelayProperties.Cluster cluster = new Binder(new MapConfigurationPropertySource(Map.of(
                "parley.relay.cluster.redis", "redis://relay:s3cret@redis.internal:6379")))
                .bindOrCreate("parley.relay", RelayProperties.class).cluster();
        assertThat(cluster.enabled()).isTrue();
        assertThat(cluster.redisForDisplay()).isEqualTo("redis://***@redis.internal:6379");
        assertThat(cluster.toString()).doesNotContain("s3cret");
    }

    /** Every leaf setting of a properties record, in kebab case. */
    private static Set<String> settings(String prefix, Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .flatMap(c -> {
                    String name = prefix + "." + kebab(c.getName());
                    return isNested(c) ? settings(name, c.getType()).stream() : java.util.stream.Stream.of(name);
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isNested(RecordComponent c) {
        return c.getType().isRecord();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
