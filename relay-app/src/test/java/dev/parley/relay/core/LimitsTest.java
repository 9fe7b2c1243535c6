package dev.parley.relay.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theControlWindowAllowsExactlyTheLimitInAnySlidingSecond() {
        Session.SlidingWindow w = new Session.SlidingWindow(100, S);
        for (int i = 0; i < 100; i++) {
            assertThat(w.tryAdd(i * (S / 200))).isTrue(); // 100 messages in half a second
        }
        assertThat(w.tryAdd(S - 1)).as("the 101st within one second of the first").isFalse();
        assertThat(w.tryAdd(S)).as("the first has left the window").isTrue();
    }

    @Test
    void mediaBucketsHoldOneSecondAndRefillContinuously() {
        MediaLimiter m = new MediaLimiter(10, 10_000, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(m.tryAcquire(100, 0)).isTrue();
        }
        assertThat(m.tryAcquire(100, 0)).isFalse();
        assertThat(m.tryAcquire(100, S / 10)).as("a tenth of a second refills one packet").isTrue();
        assertThat(m.tryAcquire(100, S / 10)).isFalse();

        MediaLimiter bytes = new MediaLimiter(1000, 2000, 0);
        assertThat(bytes.tryAcquire(1100, 0)).isTrue();
        assertThat(bytes.tryAcquire(1100, 0)).as("byte budget spent").isFalse();
    }

    @Test
    void abuseCountsConsecutiveSecondsWithDropsAndAQuietSecondResetsIt() {
        MediaLimiter m = new MediaLimiter(1, 1_000_000, 0);
        m.tryAcquire(10, 0);
        m.tryAcquire(10, 0);                 // drop in second 0
        m.tryAcquire(10, S + 1);             // second 1 starts: 1 abusive second done
        m.tryAcquire(10, S + 2);             // drop in second 1
        assertThat(m.abusiveSeconds()).isEqualTo(1);
        m.tryAcquire(10, 2 * S + 1);         // second 2: 2 abusive seconds done
        assertThat(m.abusiveSeconds()).isEqualTo(2);
        m.tryAcquire(10, 3 * S + 2);         // second 2 had no drop (the packet at 2S+1 passed)
        assertThat(m.abusiveSeconds()).isZero();
        m.tryAcquire(10, 3 * S + 3);         // drop in second 3
        m.tryAcquire(10, 6 * S);             // seconds 4 and 5 silent
        assertThat(m.abusiveSeconds()).isZero();
    }
}
