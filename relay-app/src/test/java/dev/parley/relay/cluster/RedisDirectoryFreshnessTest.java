package dev.parley.relay.cluster;

import dev.parley.relay.RelayProperties;
import dev.parley.relay.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay that has missed two renewals counts as dead before its registration expires, so that no
 * join is redirected to it in the seconds between (real Redis; the relay TTL and refresh are long
 * here, so that nothing expires or renews during the test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDirectoryFreshnessTest {
    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Duration RELAY_TTL = Duration.ofSeconds(60);

    private RedisServer redis;
    private RedisDirectory directory;

    @BeforeAll
    void start() throws Exception {
        redis = RedisServer.start();
        directory = new RedisDirectory(new RelayProperties.Cluster(redis.url(), "", 0, REFRESH, RELAY_TTL,
                Duration.ofSeconds(120), 500, Duration.ofSeconds(2), "freshness:"));
    }

    @AfterAll
    void stop() throws Exception {
        directory.close();
        redis.close();
    }

    @Test
    void aRegistrationThatMissedTwoRenewalsNoLongerCountsWhileItStillLives() {
        RelayEntry ghost = new RelayEntry("127.0.0.9:4433", "127.0.0.9", 4433, "ab".repeat(32), 4, 1);
        String key = directory.relayKey(ghost.id());
        directory.register(ghost, RELAY_TTL).block();
        assertThat(directory.relay(ghost.id()).blockOptional()).as("just renewed").contains(ghost);

        // one renewal missed (15 s of the 60 s TTL gone): alive
        redis.commands().pexpire(key, RELAY_TTL.minusSeconds(15).toMillis());
        assertThat(directory.relay(ghost.id()).blockOptional()).contains(ghost);

        // two renewals and more than half a second missed: taken for dead, though the key lives on
        redis.commands().pexpire(key, 39_000);
        assertThat(directory.relay(ghost.id()).blockOptional()).isEmpty();
        assertThat(redis.commands().pttl(key)).isGreaterThan(30_000L);
    }
}
