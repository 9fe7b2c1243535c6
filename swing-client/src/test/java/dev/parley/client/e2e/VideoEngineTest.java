package dev.parley.client.e2e;

import dev.parley.client.testing.RecordingVideoSink;
import dev.parley.client.video.codec.NativeVideoCodecs;
import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.call.VideoSetup;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.video.Pictures;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Video through the call engine and the real relay, with the real VP8 natives: pictures arrive and
 * match what was sent, a late joiner sees its first frame within a second (keyframe request and the
 * newcomer's rotation), a stopped camera ends at the receiver within a second (end of stream), and a
 * sender whose VP8 cannot load falls back to JPEG by itself.
 */
class VideoEngineTest {
    private static RelayFixture relay;

    @TempDir
    static Path dir;

    private final List<CallSession> sessions = new ArrayList<>();

    @BeforeAll
    static void startRelay() {
        relay = new RelayFixture(dir.resolve("tls"));
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @AfterEach
    void leaveAll() throws Exception {
        for (CallSession s : sessions) {
            s.leave();
        }
        for (CallSession s : sessions) {
            s.ended().get(10, TimeUnit.SECONDS);
        }
    }

    private CallSession join(RoomLink link, String name, VideoCodecs codecs, RecordingVideoSink sink, EventLog log)
            throws Exception {
        CallConfig config = new CallConfig(link, IdentityKeyPair.generate(), name, "", null, null,
                CallOptions.defaults(), "test").withVideo(new VideoSetup(codecs, sink, VideoSettings.defaults()));
        CallSession session = CallSession.start(config, log);
        sessions.add(session);
        session.joined().get(10, TimeUnit.SECONDS);
        return session;
    }

    @Test
    void cameraPicturesArriveMatchingWhatWasSentAndEndWithinASecondOfStop() throws Exception {
        RoomLink link = relay.newRoom();
        RecordingVideoSink aliceSees = new RecordingVideoSink();
        RecordingVideoSink bobSees = new RecordingVideoSink();
        EventLog aliceLog = new EventLog();
        EventLog bobLog = new EventLog();
        CallSession alice = join(link, "Alice", NativeVideoCodecs.shared(), aliceSees, aliceLog);
        join(link, "Bob", NativeVideoCodecs.shared(), bobSees, bobLog);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                aliceLog.count(ParticipantStatus.PRESENT) == 1 && bobLog.count(ParticipantStatus.PRESENT) == 1);

        TestPattern pattern = new TestPattern();
        alice.startVideo(pattern);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobSees.shown.size() >= 45);

        TreeSet<Long> numbers = new TreeSet<>();
        TreeSet<Long> frameIds = new TreeSet<>();
        double psnrSum = 0;
        int compared = 0;
        List<RecordingVideoSink.Shown> shown = List.copyOf(bobSees.shown);
        for (RecordingVideoSink.Shown s : shown) {
            assertThat(s.kind()).isEqualTo(VideoStreamKind.CAMERA);
            assertThat(s.timing().codec()).isEqualTo(VideoCodec.VP8);
            frameIds.add(s.timing().frameId());
            if (s.frameNumber().isPresent()) {
                long n = s.frameNumber().getAsLong();
                numbers.add(n);
                psnrSum += Pictures.psnr(pattern.pictureFor(n), s.picture());
                compared++;
            }
        }
        assertThat(compared).as("frames whose number reads back").isGreaterThanOrEqualTo(shown.size() * 95 / 100);
        // frame ids count the frames sent (the pattern's numbers count its clock, which skips under load)
        long span = frameIds.last() - frameIds.first() + 1;
        System.out.printf("video: %d pictures shown, frame ids %d..%d, pattern frames %d..%d, mean PSNR %.1f dB%n",
                shown.size(), frameIds.first(), frameIds.last(), numbers.first(), numbers.last(), psnrSum / compared);
        assertThat((double) frameIds.size() / span).as("share of sent frames decoded").isGreaterThanOrEqualTo(0.95);
        assertThat(psnrSum / compared).as("mean PSNR, dB").isGreaterThanOrEqualTo(35);
        assertThat(aliceSees.ownPictures).as("self view").isPositive();

        long stoppedAt = System.nanoTime();
        alice.stopVideo(VideoStreamKind.CAMERA);
        await().atMost(Duration.ofSeconds(1)).until(() -> !bobSees.ended.isEmpty());
        System.out.printf("stream ended at the receiver %d ms after the stop%n",
                (bobSees.ended.get(0).atNanos() - stoppedAt) / 1_000_000);
        assertThat(bobSees.ended.get(0).kind()).isEqualTo(VideoStreamKind.CAMERA);
    }

    @Test
    void aLateJoinerShowsItsFirstFrameWithinASecond() throws Exception {
        RoomLink link = relay.newRoom();
        EventLog aliceLog = new EventLog();
        CallSession alice = join(link, "Alice", NativeVideoCodecs.shared(), new RecordingVideoSink(), aliceLog);
        RecordingVideoSink bobSees = new RecordingVideoSink();
        join(link, "Bob", NativeVideoCodecs.shared(), bobSees, new EventLog());
        alice.startVideo(new TestPattern());
        await().atMost(Duration.ofSeconds(10)).until(() -> bobSees.shown.size() >= 15);

        RecordingVideoSink carolSees = new RecordingVideoSink();
        long joining = System.nanoTime();
        join(link, "Carol", NativeVideoCodecs.shared(), carolSees, new EventLog());
        long joined = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).until(() -> !carolSees.shown.isEmpty());
        long first = carolSees.shown.get(0).shownNanos() - joined;
        System.out.printf("late joiner: joined in %d ms, first frame %d ms after joining%n",
                (joined - joining) / 1_000_000, first / 1_000_000);
        assertThat(first).as("first frame after the join, ns").isLessThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void aSenderWithoutVp8FallsBackToJpegByItself() throws Exception {
        RoomLink link = relay.newRoom();
        EventLog aliceLog = new EventLog();
        CallSession alice = join(link, "Alice", new NativeVideoCodecs(() -> {
            throw new UnsatisfiedLinkError("no jniavcodec in java.library.path");
        }), new RecordingVideoSink(), aliceLog);
        RecordingVideoSink bobSees = new RecordingVideoSink();
        join(link, "Bob", NativeVideoCodecs.shared(), bobSees, new EventLog());
        TestPattern pattern = new TestPattern();
        alice.startVideo(pattern);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobSees.shown.size() >= 15);
        for (RecordingVideoSink.Shown s : bobSees.shown) {
            assertThat(s.timing().codec()).isEqualTo(VideoCodec.JPEG);
            assertThat(s.frameNumber()).isPresent();
            // JPEG at the camera's 500 kbit/s: legible, not sharp (VP8 reaches 35 dB and more there)
            assertThat(Pictures.psnr(pattern.pictureFor(s.frameNumber().getAsLong()), s.picture())).isGreaterThan(25);
        }
    }
}
