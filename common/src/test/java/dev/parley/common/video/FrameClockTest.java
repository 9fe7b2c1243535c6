package dev.parley.common.video;

import org.junit.jupiter.api.Test;

import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameClockTest {

    @Test
    void slotsComeAtTheirDueTimesWithoutDrift() throws InterruptedException {
        FrameClock clock = new FrameClock(30);
        long start = System.nanoTime();
        assertThat(clock.await()).isZero();
        for (long n = 1; n <= 30; n++) {
            assertThat(clock.await()).isEqualTo(n);
            // due n/30 s after the start; a whole second of 33.33 ms periods adds no rounding error
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(n * 1_000_000_000L / 30 - 1_000_000L);
        }
        assertThat((System.nanoTime() - start) / 1e6).isBetween(999.0, 1100.0);
    }

    @Test
    void aSlotPreparedTooLateIsDeliveredAtOnceAndTheClockMovesOn() throws InterruptedException {
        FrameClock clock = new FrameClock(50);
        long slot = clock.slot();
        long until = System.nanoTime() + 100_000_000L; // preparing the picture took five periods
        for (long left = 100_000_000L; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        long before = System.nanoTime();
        assertThat(clock.await(slot)).isTrue();
        assertThat(System.nanoTime() - before).isLessThan(20_000_000L);
        assertThat(clock.slot()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void closedClocksGiveNoMoreSlots() throws InterruptedException {
        FrameClock clock = new FrameClock(1);
        assertThat(clock.await()).isZero();
        clock.close();
        assertThat(clock.isClosed()).isTrue();
        assertThat(clock.await()).isEqualTo(-1);
        assertThatThrownBy(() -> new FrameClock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameClock(61)).isInstanceOf(IllegalArgumentException.class);
    }
}
