package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.FakeVideo.TestPictureSource;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.domain.PeerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;

import static dev.parley.client.ui.testing.Participants.present;
import static dev.parley.common.video.VideoStreamKind.CAMERA;
import static dev.parley.common.video.VideoStreamKind.SCREEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The call view model's video state: our camera and share, others' streams, layout, active speaker. */
class CallViewModelVideoTest {
    private static final PeerId BOB = new PeerId(2);
    private static final PeerId CAROL = new PeerId(3);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final FakeCallControl control = new FakeCallControl();
    private CallViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new CallViewModel("Alice", VerifiedContacts.empty(dir.resolve("c.txt"), clock), uiQueue::add, clock,
                new StatsFormat(Locale.ROOT));
        vm.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        vm.on(new CallEvent.ParticipantChanged(present(3, "Carol", 3)));
        runUi();
    }

    private void runUi() {
        Runnable r;
        while ((r = uiQueue.poll()) != null) {
            r.run();
        }
    }

    private static TestPictureSource camera() {
        return new TestPictureSource(CAMERA, 0x3366cc, 16, 9);
    }

    @Test
    void withoutCodecsTheButtonsSaySoAndOpenNothing() {
        vm.attach(control, false);
        assertThat(vm.beginVideo(CAMERA)).isEmpty();
        assertThat(vm.current().video().notice()).contains(VideoControls.NOT_AVAILABLE);
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.OFF);
        assertThat(vm.beginVideo(SCREEN)).isEmpty();
        assertThat(vm.current().video().available()).isFalse();
        assertThat(control.video).isEmpty();
    }

    @Test
    void theCameraStartsOnceOpenAndStopsWhenTurnedOff() {
        vm.attach(control, true);
        long ticket = vm.beginVideo(CAMERA).orElseThrow();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.STARTING);
        assertThat(vm.current().self().video()).as("no self view before the camera is on").isFalse();

        TestPictureSource source = camera();
        vm.videoOpened(CAMERA, ticket, source);
        assertThat(control.video).containsExactly(source);
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.ON);
        assertThat(vm.current().self().video()).isTrue();

        vm.stopVideo(CAMERA);
        assertThat(control.video).containsExactly(source, CAMERA);
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.OFF);
        assertThat(vm.current().self().video()).isFalse();
    }

    @Test
    void aFailedOpenShowsItsSentenceAndTheButtonGoesBack() {
        vm.attach(control, true);
        long ticket = vm.beginVideo(CAMERA).orElseThrow();
        vm.videoFailed(CAMERA, ticket, Optional.of("No camera was found."));
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.OFF);
        assertThat(vm.current().video().notice()).contains("No camera was found.");
        assertThat(control.video).isEmpty();
        assertThat(control.leaves).as("the call goes on").isZero();

        vm.dismissVideoNotice();
        assertThat(vm.current().video().notice()).isEmpty();
    }

    @Test
    void aCameraThatOpensAfterTheUserTurnedItOffIsClosedNotSent() {
        vm.attach(control, true);
        long first = vm.beginVideo(CAMERA).orElseThrow();
        vm.stopVideo(CAMERA);
        long second = vm.beginVideo(CAMERA).orElseThrow();

        TestPictureSource stale = camera();
        vm.videoOpened(CAMERA, first, stale);
        assertThat(stale.closed).isTrue();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.STARTING);

        TestPictureSource current = camera();
        vm.videoOpened(CAMERA, second, current);
        assertThat(current.closed).isFalse();
        assertThat(control.video).containsExactly(current);
    }

    @Test
    void switchingCamerasKeepsTheRunningOneIfTheNewOneFails() {
        vm.attach(control, true);
        TestPictureSource first = camera();
        vm.videoOpened(CAMERA, vm.beginVideo(CAMERA).orElseThrow(), first);
        long ticket = vm.beginVideo(CAMERA).orElseThrow();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.ON);
        vm.videoFailed(CAMERA, ticket, Optional.of("The camera \u201cUSB\u201d is in use by another application."));
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.ON);
        assertThat(vm.current().video().notice()).isPresent();
        assertThat(control.video).containsExactly(first);
    }

    @Test
    void theEngineEndingOurStreamResetsTheButtonAndSaysWhy() {
        vm.attach(control, true);
        vm.videoOpened(CAMERA, vm.beginVideo(CAMERA).orElseThrow(), camera());
        control.stopVideo(CAMERA); // the engine stopped it: the device failed

        vm.ownVideoEnded(CAMERA, "The camera stopped delivering pictures.");
        assertThat(vm.current().video().camera()).as("only on the UI thread").isEqualTo(OwnVideoState.ON);
        runUi();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.OFF);
        assertThat(vm.current().video().notice()).contains("The camera stopped delivering pictures.");
    }

    @Test
    void anEndWithoutReasonSaysNothingAndAStaleEndIsIgnored() {
        vm.attach(control, true);
        vm.videoOpened(CAMERA, vm.beginVideo(CAMERA).orElseThrow(), camera());
        // Another camera replaced the first: the first one's end arrives while the engine still sends.
        vm.ownVideoEnded(CAMERA, null);
        runUi();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.ON);

        vm.stopVideo(CAMERA);
        vm.ownVideoEnded(CAMERA, " ");
        runUi();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.OFF);
        assertThat(vm.current().video().notice()).isEmpty();
    }

    @Test
    void ourShareShowsTheBannerStateAndStops() {
        vm.attach(control, true);
        long ticket = vm.beginVideo(SCREEN).orElseThrow();
        assertThat(vm.current().video().sharing()).isFalse();
        TestPictureSource screen = new TestPictureSource(SCREEN, 0x22aa44, 16, 9);
        vm.videoOpened(SCREEN, ticket, screen);
        assertThat(vm.current().video().sharing()).isTrue();
        assertThat(vm.current().stage().isGrid()).as("our own screen is not shown back to us").isTrue();

        vm.stopVideo(SCREEN);
        assertThat(control.video).containsExactly(screen, SCREEN);
        assertThat(vm.current().video().sharing()).isFalse();
    }

    @Test
    void aCancelledChoiceSaysNothing() {
        vm.attach(control, true);
        long ticket = vm.beginVideo(SCREEN).orElseThrow();
        vm.videoFailed(SCREEN, ticket, Optional.empty());
        assertThat(vm.current().video().screen()).isEqualTo(OwnVideoState.OFF);
        assertThat(vm.current().video().notice()).isEmpty();
    }

    @Test
    void othersCamerasReplaceTheirInitialsUntilTheStreamEnds() {
        assertThat(vm.current().peers().get(0).initials()).contains("B");
        vm.remoteVideo(BOB, CAMERA, true);
        runUi();
        assertThat(vm.current().peers()).extracting(ParticipantTileModel::video).containsExactly(true, false);

        vm.remoteVideo(BOB, CAMERA, false);
        runUi();
        assertThat(vm.current().peers()).extracting(ParticipantTileModel::video).containsExactly(false, false);
    }

    @Test
    void aSharedScreenIsTheMainViewUntilItEndsOrItsSharerLeaves() {
        vm.remoteVideo(CAROL, SCREEN, true);
        runUi();
        CallView v = vm.current();
        assertThat(v.screens()).containsExactly(new ScreenShareModel("screen-3", CAROL, "Carol\u2019s screen"));
        assertThat(v.stage()).isEqualTo(new Stage(Optional.of("screen-3"), false, List.of("self", "2", "3")));

        vm.remoteVideo(CAROL, SCREEN, false);
        runUi();
        assertThat(vm.current().stage()).isEqualTo(Stage.grid(List.of("self", "2", "3")));

        vm.remoteVideo(CAROL, SCREEN, true);
        vm.on(new CallEvent.ParticipantLeft(CAROL));
        runUi();
        assertThat(vm.current().screens()).isEmpty();
        assertThat(vm.current().stage()).isEqualTo(Stage.grid(List.of("self", "2")));
    }

    @Test
    void aDoubleClickEnlargesATileAndAnotherGoesBack() {
        vm.toggleEnlarged("2");
        assertThat(vm.current().stage()).isEqualTo(new Stage(Optional.of("2"), true, List.of("self", "3")));
        vm.toggleEnlarged("2");
        assertThat(vm.current().stage().isGrid()).isTrue();
    }

    @Test
    void theActiveSpeakerIsHighlightedWithAHold() {
        vm.on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.5, CAROL, 0.1), 0.0));
        runUi();
        assertThat(active()).containsExactly("2");

        clock.advance(Duration.ofMillis(200));
        vm.on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.0, CAROL, 0.6), 0.0));
        runUi();
        assertThat(active()).as("Carol has not been loudest long enough").containsExactly("2");

        clock.advance(Duration.ofMillis(ActiveSpeaker.SWITCH_MS));
        vm.on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.0, CAROL, 0.6), 0.0));
        runUi();
        assertThat(active()).containsExactly("3");

        clock.advance(Duration.ofMillis(ActiveSpeaker.HOLD_MS + 1));
        vm.on(new CallEvent.SpeakingLevels(Map.of(), 0.0));
        runUi();
        assertThat(active()).isEmpty();

        vm.on(new CallEvent.SpeakingLevels(Map.of(), 0.4));
        runUi();
        assertThat(active()).as("you, too").containsExactly("self");
        vm.setMuted(true);
        clock.advance(Duration.ofMillis(ActiveSpeaker.HOLD_MS + 1));
        vm.on(new CallEvent.SpeakingLevels(Map.of(), 0.4));
        runUi();
        assertThat(active()).as("a muted microphone does not count").isEmpty();
    }

    @Test
    void nobodyIsHighlightedWhenAloneAndTheEndTurnsEverythingOff() {
        vm.attach(control, true);
        vm.videoOpened(CAMERA, vm.beginVideo(CAMERA).orElseThrow(), camera());
        vm.on(new CallEvent.ParticipantLeft(BOB));
        vm.on(new CallEvent.ParticipantLeft(CAROL));
        vm.on(new CallEvent.SpeakingLevels(Map.of(), 0.5));
        runUi();
        assertThat(active()).isEmpty();

        vm.on(new CallEvent.CallEnded(true, 0, ""));
        runUi();
        assertThat(vm.current().video().camera()).isEqualTo(OwnVideoState.OFF);
        TestPictureSource late = camera();
        OptionalLong none = vm.beginVideo(CAMERA);
        assertThat(none).isEmpty();
        vm.videoOpened(CAMERA, 1, late);
        assertThat(late.closed).isTrue();
    }

    private List<String> active() {
        return vm.current().tiles().stream().filter(ParticipantTileModel::activeSpeaker)
                .map(ParticipantTileModel::tileId).toList();
    }
}
