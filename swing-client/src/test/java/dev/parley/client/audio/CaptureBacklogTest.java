package dev.parley.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureBacklogTest {
    private static final long FRAME_NANOS = 20_000_000L;

    @Test
    void aReaderOnTimeHasNoBacklog() {
        CaptureBacklog backlog = new CaptureBacklog(0);
        long now = 0;
        for (int i = 0; i < 500; i++) {
            now += FRAME_NANOS + (i % 3 == 0 ? 7_000_000 : -3_500_000); // bursty delivery, on time overall
            assertThat(backlog.take(960, now)).isLessThan(960);
        }
    }

    @Test
    void aStallShowsAsBacklogUntilTheReaderCatchesUp() {
        CaptureBacklog backlog = new CaptureBacklog(0);
        long now = 0;
        for (int i = 0; i < 10; i++) {
            now += FRAME_NANOS;
            backlog.take(960, now);
        }
        now += 100_000_000L; // stalled 100 ms

        assertThat(backlog.take(960, now + FRAME_NANOS)).isBetween(4_700L, 4_900L);
        assertThat(backlog.take(960, now + FRAME_NANOS)).isBetween(3_700L, 3_900L); // the next frame was waiting
    }

    @Test
    void followsADeviceClockThatRunsSlow() {
        CaptureBacklog backlog = new CaptureBacklog(0);
        long framePlus100ppm = FRAME_NANOS + 2_000; // the device delivers 100 ppm slower than the clock runs
        long now = 0;
        long worst = 0;
        for (int i = 0; i < 3 * 60 * 50; i++) {
            now += framePlus100ppm;
            worst = Math.max(worst, backlog.take(960, now));
        }
        assertThat(worst).isLessThan(48);
    }
}
