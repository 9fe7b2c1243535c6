package dev.parley.common.call;

import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which a stream gives way under congestion, and how it comes back. */
class VideoRateControlTest {
    private final VideoSettings settings = VideoSettings.defaults();

    @Test
    void aCameraGivesUpBitrateThenFrameRateThenResolutionAndComesBack() {
        VideoRateControl rate = new VideoRateControl(VideoStreamKind.CAMERA, settings);
        assertThat(rate.quality()).isEqualTo(new VideoRateControl.Quality(500_000, 15, 640, 360, false));

        VideoRateControl.Quality q = rate.update(0.30, 20);
        assertThat(q.bitrate()).isLessThan(500_000);
        assertThat(q.frameRate()).as("bitrate first").isEqualTo(15);
        assertThat(q.width()).isEqualTo(640);

        boolean sawLowerFrameRateAt360p = false;
        for (int i = 0; i < 10; i++) {
            q = rate.update(0.30, 20);
            if (q.width() == 640 && q.frameRate() < 15) {
                sawLowerFrameRateAt360p = true;
            }
        }
        assertThat(sawLowerFrameRateAt360p).as("frame rate before resolution").isTrue();
        assertThat(q.width()).as("180p last").isEqualTo(320);
        assertThat(q.height()).isEqualTo(180);
        assertThat(q.bitrate()).isGreaterThanOrEqualTo(settings.minBitrate());

        for (int i = 0; i < 30; i++) {
            q = rate.update(0, 20);
        }
        assertThat(q).isEqualTo(new VideoRateControl.Quality(500_000, 15, 640, 360, false));
    }

    @Test
    void aRisingRttCountsAsCongestion() {
        VideoRateControl rate = new VideoRateControl(VideoStreamKind.CAMERA, settings);
        rate.update(0, 20);
        assertThat(rate.update(0, 400).bitrate()).isLessThan(500_000);
    }

    @Test
    void aScreenShareKeepsItsResolutionAndGivesUpFrameRateFirst() {
        VideoRateControl rate = new VideoRateControl(VideoStreamKind.SCREEN, settings);
        VideoRateControl.Quality q = rate.quality();
        assertThat(q.width()).isEqualTo(1280);
        int firstRate = q.frameRate();
        for (int i = 0; i < 12; i++) {
            q = rate.update(0.5, 20);
            assertThat(q.width()).isEqualTo(1280);
            assertThat(q.height()).isEqualTo(720);
        }
        assertThat(q.frameRate()).isLessThan(firstRate);
        assertThat(new VideoRateControl(VideoStreamKind.SCREEN, settings).update(0.5, 20).frameRate())
                .as("the first cut already costs frame rate").isLessThan(firstRate);
    }

    @Test
    void aLossyLinkSendsChunksTwiceAtHalfTheEncoderRateUntilItIsCleanAgain() {
        VideoRateControl rate = new VideoRateControl(VideoStreamKind.CAMERA, settings);
        VideoRateControl.Quality q = rate.update(0.05, 20);
        assertThat(q.redundant()).isTrue();
        assertThat(q.bitrate()).as("the stream spends the same").isEqualTo(250_000);
        assertThat(q.frameRate()).isEqualTo(15);
        for (int i = 0; i < VideoRateControl.CLEAN_TO_DROP_REDUNDANCY - 1; i++) {
            assertThat(rate.update(0, 20).redundant()).isTrue();
        }
        assertThat(rate.update(0, 20).redundant()).isFalse();
    }
}
