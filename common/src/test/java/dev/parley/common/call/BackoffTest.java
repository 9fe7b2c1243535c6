package dev.parley.common.call;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    @Test
    void growsToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), new Random(1));
        assertThat(b.next().toMillis()).isBetween(50L, 100L);
        assertThat(b.next().toMillis()).isBetween(100L, 200L);
        assertThat(b.next().toMillis()).isBetween(200L, 400L);
        for (int i = 0; i < 10; i++) {
            assertThat(b.next().toMillis()).isBetween(500L, 1_000L);
        }
        b.reset();
        assertThat(b.next().toMillis()).isBetween(50L, 100L);
    }
}
