package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.CallStarter;
import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.ProtocolRoomLinks;
import dev.parley.client.ui.engine.ScreenChoice;
import dev.parley.client.ui.model.VideoControls;
import dev.parley.client.ui.profile.PreferencesStore;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeAudio;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.FakeVideo;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.client.ui.testing.TestPictures;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.domain.PeerId;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static dev.parley.client.ui.testing.Participants.present;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The call screen's video on a real display, through the whole desktop flow with fake devices and a
 * fake engine: the camera and share buttons, their failures, and pictures arriving on a video thread.
 */
class VideoCallScreenTest {
    private static final String LINK = "parley://relay.example.org/r/q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA";
    private static final PeerId BOB = new PeerId(2);
    private static final PeerId CAROL = new PeerId(3);
    private static final int BLUE = 0x2244dd;
    private static final int RED = 0xdd2222;

    @TempDir
    Path dir;
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final FakeCallControl control = new FakeCallControl();
    private final FakeVideo devices = new FakeVideo();
    private final AtomicReference<CallEvents> events = new AtomicReference<>();
    private final AtomicReference<VideoSink> sink = new AtomicReference<>();
    private volatile boolean videoAvailable = true;
    private PreferencesStore preferences;
    private SessionController app;

    @BeforeEach
    void setUp() throws Exception {
        dev.parley.client.testing.Displays.assumeDisplay();
        preferences = PreferencesStore.load(dir.resolve(PreferencesStore.FILE_NAME));
        preferences.update(p -> p.withLastName("Alice"));
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        CallStarter starter = new CallStarter() {
            @Override
            public CallControl start(JoinRequest request, AudioSource mic, AudioSink speaker, VideoSink video,
                                     CallEvents ev) {
                sink.set(video);
                events.set(ev);
                ev.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
                return control;
            }

            @Override
            public boolean videoAvailable() {
                return videoAvailable;
            }
        };
        AppServices services = new AppServices(preferences, VerifiedContacts.empty(dir.resolve("c.txt"), clock),
                new FakeAudio(), devices, starter, new ProtocolRoomLinks(), io, clock, () -> { });
        SwingUtilities.invokeAndWait(() -> {
            Themes.install(ThemeChoice.LIGHT, Optional.empty());
            app = new SessionController(services);
            app.open();
            app.window().setSize(1200, 820);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        io.shutdownNow();
        SwingUtilities.invokeAndWait(() -> {
            for (Window w : Window.getWindows()) {
                w.dispose();
            }
        });
    }

    /** Joins and waits for the call screen with Bob and Carol in it. */
    private void joinWithBobAndCarol() throws Exception {
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("joinButton", JButton.class).doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> SwingTree.find(app.window(), "callScreen",
                CallScreen.class).filter(Component::isShowing).isPresent()));
        events.get().on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        events.get().on(new CallEvent.ParticipantChanged(present(3, "Carol Jones", 3)));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> SwingTree.find(app.window(), "tile-3",
                ParticipantTile.class).isPresent()));
        // Cameras are listed in the background; wait for them so a later refill cannot race a test's choice.
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("cameraPicker", DevicePicker.class)
                .getItemCount() == 3));
    }

    @Test
    void theCameraButtonAndItsShortcutTurnTheCameraOnAndOff() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> {
            JToggleButton camera = find("cameraButton", JToggleButton.class);
            assertThat(camera.getText()).isEqualTo("Start camera");
            assertThat(camera.getToolTipText()).contains("Ctrl+E");
            camera.doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> sentVideo() instanceof VideoSource s
                && s.kind() == VideoStreamKind.CAMERA);
        assertThat(devices.opened).containsExactly("camera:default");
        onEdt(() -> {
            JToggleButton camera = find("cameraButton", JToggleButton.class);
            assertThat(camera.isSelected()).isTrue();
            assertThat(camera.getText()).isEqualTo("Stop camera");
            camera.doClick();
            assertThat(control.video).last().isEqualTo(VideoStreamKind.CAMERA);
            assertThat(camera.isSelected()).isFalse();
            assertThat(camera.getText()).isEqualTo("Start camera");
        });

        onEdt(() -> pressShortcut(KeyEvent.VK_E));
        await().atMost(Duration.ofSeconds(5)).until(() -> sentVideo() instanceof VideoSource);
        assertThat(control.isSendingVideo(VideoStreamKind.CAMERA)).isTrue();
        onEdt(() -> pressShortcut(KeyEvent.VK_E));
        assertThat(control.isSendingVideo(VideoStreamKind.CAMERA)).isFalse();
    }

    @Test
    void aBusyCameraIsExplainedInTheCallAndTheButtonGoesBack() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> {
            DevicePicker picker = find("cameraPicker", DevicePicker.class);
            picker.setSelectedIndex(2); // "Busy Camera"
            find("cameraButton", JToggleButton.class).doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("videoNotice", JPanel.class).isShowing()));
        onEdt(() -> {
            assertThat(find("videoNoticeLabel", JLabel.class).getText()).isEqualTo(FakeVideo.BUSY_SENTENCE);
            JToggleButton camera = find("cameraButton", JToggleButton.class);
            assertThat(camera.isSelected()).isFalse();
            assertThat(camera.getText()).isEqualTo("Start camera");
            assertThat(find("callScreen", CallScreen.class).isShowing()).as("the call goes on").isTrue();
        });
        assertThat(control.video).isEmpty();
        assertThat(control.leaves).isZero();
        assertThat(anyDialog()).as("a notice, not a dialog in the way").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> preferences.get().camera().filter(FakeVideo.BUSY::equals)
                .isPresent());

        onEdt(() -> find("dismissNoticeButton", JButton.class).doClick());
        onEdt(() -> assertThat(find("videoNotice", JPanel.class).isShowing()).isFalse());
    }

    @Test
    void theEngineStoppingOurCameraResetsTheButtonAndSaysWhy() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> find("cameraButton", JToggleButton.class).doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> control.isSendingVideo(VideoStreamKind.CAMERA));

        // On the engine's video thread: the device failed, the stream is gone.
        Thread engine = new Thread(() -> {
            control.stopVideo(VideoStreamKind.CAMERA);
            sink.get().onOwnStreamEnded(VideoStreamKind.CAMERA, "The camera was unplugged.");
        });
        engine.start();
        engine.join();
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("videoNotice", JPanel.class).isShowing()));
        onEdt(() -> {
            assertThat(find("videoNoticeLabel", JLabel.class).getText()).isEqualTo("The camera was unplugged.");
            assertThat(find("cameraButton", JToggleButton.class).isSelected()).isFalse();
        });
    }

    @Test
    void withoutVideoInThisBuildTheButtonsSaySo() throws Exception {
        videoAvailable = false;
        joinWithBobAndCarol();
        onEdt(() -> find("shareButton", JToggleButton.class).doClick());
        onEdt(() -> {
            assertThat(find("videoNoticeLabel", JLabel.class).getText()).isEqualTo(VideoControls.NOT_AVAILABLE);
            assertThat(find("shareButton", JToggleButton.class).isSelected()).isFalse();
            find("dismissNoticeButton", JButton.class).doClick();
            find("cameraButton", JToggleButton.class).doClick();
            assertThat(find("videoNoticeLabel", JLabel.class).getText()).isEqualTo(VideoControls.NOT_AVAILABLE);
            assertThat(find("videoNotice", JPanel.class).isShowing()).isTrue();
            assertThat(find("cameraButton", JToggleButton.class).isSelected()).isFalse();
        });
        assertThat(devices.opened).isEmpty();
        assertThat(control.video).isEmpty();
    }

    @Test
    void withSeveralScreensAChooserListsThemAndTheBannerStopsTheShare() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> find("shareButton", JToggleButton.class).doClick());
        JPopupMenu chooser = await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> screen().screenChooser()
                .filter(Component::isShowing)), Optional::isPresent).orElseThrow();
        onEdt(() -> {
            assertThat(SwingTree.all(chooser)).filteredOn(c -> c instanceof javax.swing.JMenuItem)
                    .extracting(c -> ((javax.swing.JMenuItem) c).getText())
                    .containsExactly("Screen 1 (1600 \u00d7 1000)", "Screen 2 (1280 \u00d7 720)");
            assertThat(find("shareBanner", JPanel.class).isShowing()).as("not before a screen is chosen").isFalse();
            SwingTree.named(chooser, "screenChoice-1", javax.swing.JMenuItem.class).doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> control.isSendingVideo(VideoStreamKind.SCREEN));
        assertThat(devices.opened).containsExactly("screen::0.1");
        onEdt(() -> {
            assertThat(find("shareBanner", JPanel.class).isShowing()).isTrue();
            assertThat(find("shareBannerLabel", JLabel.class).getText()).isEqualTo("You are sharing your screen");
            assertThat(find("shareButton", JToggleButton.class).getText()).isEqualTo("Stop sharing");
            find("stopShareButton", JButton.class).doClick();
            assertThat(control.video).last().isEqualTo(VideoStreamKind.SCREEN);
            assertThat(find("shareBanner", JPanel.class).isShowing()).isFalse();
            assertThat(find("shareButton", JToggleButton.class).isSelected()).isFalse();
        });
    }

    @Test
    void withOneScreenItSharesAtOnceAndTheShareButtonStopsIt() throws Exception {
        devices.screens = List.of(new ScreenChoice(":0.0", "Screen 1"));
        joinWithBobAndCarol();
        onEdt(() -> find("shareButton", JToggleButton.class).doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> control.isSendingVideo(VideoStreamKind.SCREEN));
        onEdt(() -> {
            assertThat(screen().screenChooser()).isEmpty();
            assertThat(find("shareBanner", JPanel.class).isShowing()).isTrue();
            find("shareButton", JToggleButton.class).doClick();
            assertThat(control.isSendingVideo(VideoStreamKind.SCREEN)).isFalse();
            assertThat(find("shareBanner", JPanel.class).isShowing()).isFalse();
        });
    }

    @Test
    void aSharedScreenBecomesTheMainViewAndItsEndBringsTheGridBack() throws Exception {
        joinWithBobAndCarol();
        onVideoThread(() -> sink.get().onPicture(CAROL, 77, VideoStreamKind.SCREEN,
                TestPictures.solid(128, 72, BLUE), timing()));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("stagePanel", JPanel.class).isShowing()));
        onEdt(() -> {
            assertThat(screen().mainView().itemId()).isEqualTo("screen-3");
            assertThat(find("mainCaption", JLabel.class).getText()).isEqualTo("Carol Jones\u2019s screen");
            assertThat(tilesIn("stripPanel")).containsExactly("tile-self", "tile-2", "tile-3");
            assertThat(tilesIn("participantsPanel")).isEmpty();
            VideoView main = find("mainVideo", VideoView.class);
            assertThat(VideoViewTest.rgb(VideoViewTest.render(main), main.getWidth() / 2, main.getHeight() / 2))
                    .isEqualTo(BLUE);
        });

        onVideoThread(() -> sink.get().onStreamEnded(CAROL, 77, VideoStreamKind.SCREEN));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("participantsPanel", JPanel.class)
                .isShowing()));
        onEdt(() -> assertThat(tilesIn("participantsPanel")).containsExactly("tile-self", "tile-2", "tile-3"));
    }

    @Test
    void aTileShowsTheCameraAndGoesBackToInitialsWhenItEnds() throws Exception {
        joinWithBobAndCarol();
        onVideoThread(() -> sink.get().onPicture(BOB, 5, VideoStreamKind.CAMERA, TestPictures.solid(160, 90, BLUE),
                timing()));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("video-2", VideoView.class)
                .showingPicture()));
        onEdt(() -> assertThat(centre("video-2")).isEqualTo(BLUE));

        // A newer stream of the same kind keeps the picture when the older one's end arrives late.
        onVideoThread(() -> sink.get().onPicture(BOB, 6, VideoStreamKind.CAMERA, TestPictures.solid(160, 90, RED),
                timing()));
        onVideoThread(() -> sink.get().onStreamEnded(BOB, 5, VideoStreamKind.CAMERA));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> centre("video-2") == RED));

        onVideoThread(() -> sink.get().onStreamEnded(BOB, 6, VideoStreamKind.CAMERA));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> !find("video-2", VideoView.class)
                .showingPicture()));
        onEdt(() -> assertThat(centre("video-2")).isNotIn(BLUE, RED));
    }

    @Test
    void yourOwnTileShowsYourCameraMirrored() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> find("cameraButton", JToggleButton.class).doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> control.isSendingVideo(VideoStreamKind.CAMERA));
        onVideoThread(() -> sink.get().onOwnPicture(VideoStreamKind.CAMERA, TestPictures.halves(160, 90, RED, BLUE)));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("video-self", VideoView.class)
                .showingPicture()));
        onEdt(() -> {
            VideoView self = find("video-self", VideoView.class);
            BufferedImage shown = VideoViewTest.render(self);
            int y = self.getHeight() / 2;
            assertThat(VideoViewTest.rgb(shown, self.getWidth() / 4, y)).isEqualTo(BLUE);
            assertThat(VideoViewTest.rgb(shown, self.getWidth() * 3 / 4, y)).as("red on the right").isEqualTo(RED);
            find("cameraButton", JToggleButton.class).doClick();
            assertThat(self.showingPicture()).as("the self view goes with the camera").isFalse();
        });
    }

    @Test
    void aDoubleClickEnlargesATileAndAnotherGoesBack() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> doubleClick(find("video-3", VideoView.class)));
        onEdt(() -> {
            assertThat(find("stagePanel", JPanel.class).isShowing()).isTrue();
            assertThat(screen().mainView().itemId()).isEqualTo("3");
            assertThat(find("mainCaption", JLabel.class).getText()).isEqualTo("Carol Jones");
            assertThat(tilesIn("stripPanel")).containsExactly("tile-self", "tile-2");
            doubleClick(find("mainVideo", VideoView.class));
        });
        onEdt(() -> assertThat(tilesIn("participantsPanel")).containsExactly("tile-self", "tile-2", "tile-3"));
    }

    @Test
    void theActiveSpeakerHasTheThickBorderAndTileFeaturesStillWork() throws Exception {
        joinWithBobAndCarol();
        events.get().on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.6), 0.0));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("tile-2", ParticipantTile.class)
                .model().activeSpeaker()));
        onEdt(() -> {
            assertThat(find("tile-3", ParticipantTile.class).model().activeSpeaker()).isFalse();
            javax.swing.JSlider volume = find("volume-3", javax.swing.JSlider.class);
            volume.setValue(50);
        });
        assertThat(control.volumes).containsEntry(CAROL, 0.5);
    }

    @Test
    void screenshotsOfCamerasASharedScreenAndOurOwnShare() throws Exception {
        joinWithBobAndCarol();
        onEdt(() -> find("cameraButton", JToggleButton.class).doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> control.isSendingVideo(VideoStreamKind.CAMERA));
        onVideoThread(() -> {
            VideoSink s = sink.get();
            s.onOwnPicture(VideoStreamKind.CAMERA, TestPictures.portrait(640, 360, new java.awt.Color(0x7f9bb3),
                    new java.awt.Color(0x34495e)));
            s.onPicture(BOB, 5, VideoStreamKind.CAMERA, TestPictures.portrait(640, 360, new java.awt.Color(0xb3a27f),
                    new java.awt.Color(0x8e3b46)), timing());
            s.onPicture(CAROL, 9, VideoStreamKind.SCREEN, TestPictures.desktop(1280, 720), timing());
        });
        events.get().on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.6), 0.2));
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("stagePanel", JPanel.class).isShowing()
                && find("video-2", VideoView.class).showingPicture() && find("video-self", VideoView.class)
                .showingPicture()));
        for (int i = 0; i < 3; i++) {
            onEdt(() -> { });
        }
        onEdt(() -> {
            VideoView main = find("mainVideo", VideoView.class);
            assertThat(main.getWidth()).as("the shared screen takes most of the window")
                    .isGreaterThan(app.window().getWidth() / 2);
            try {
                SwingTree.screenshot(app.window(), "call-screen-video.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // The grid again in the dark theme, while we share (banner) after a camera problem (notice).
        devices.screens = List.of(new ScreenChoice(":0.0", "Screen 1"));
        onVideoThread(() -> sink.get().onStreamEnded(CAROL, 9, VideoStreamKind.SCREEN));
        onEdt(() -> {
            Themes.switchTo(ThemeChoice.DARK);
            find("shareButton", JToggleButton.class).doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> control.isSendingVideo(VideoStreamKind.SCREEN));
        onEdt(() -> find("cameraPicker", DevicePicker.class).setSelectedIndex(2)); // "Busy Camera": switching fails
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("videoNotice", JPanel.class).isShowing()
                && find("participantsPanel", JPanel.class).isShowing()));
        for (int i = 0; i < 3; i++) {
            onEdt(() -> { });
        }
        onEdt(() -> {
            assertThat(find("cameraButton", JToggleButton.class).isSelected()).as("the running camera goes on")
                    .isTrue();
            assertThat(find("cameraPicker", DevicePicker.class).selected()).as("the picker is put back").isEmpty();
            assertThat(find("shareBanner", JPanel.class).isShowing()).isTrue();
            try {
                SwingTree.screenshot(app.window(), "call-screen-video-grid-dark.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    // ---- helpers ----

    private Object sentVideo() {
        synchronized (control) {
            return control.video.isEmpty() ? null : control.video.get(control.video.size() - 1);
        }
    }

    private static FrameTiming timing() {
        return new FrameTiming(1, 0, System.nanoTime(), System.nanoTime(), VideoCodec.VP8, true);
    }

    /** The engine calls the sink from its own thread, never the event thread. */
    private static void onVideoThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "test-video");
        t.start();
        t.join();
    }

    private CallScreen screen() {
        return find("callScreen", CallScreen.class);
    }

    private int centre(String name) {
        VideoView v = find(name, VideoView.class);
        return VideoViewTest.rgb(VideoViewTest.render(v), v.getWidth() / 2, v.getHeight() / 2);
    }

    private List<String> tilesIn(String panel) {
        return List.of(find(panel, JPanel.class).getComponents()).stream().map(Component::getName).toList();
    }

    private void pressShortcut(int key) {
        KeyStroke stroke = KeyStroke.getKeyStroke(key, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx());
        CallScreen s = screen();
        Object action = s.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).get(stroke);
        s.getActionMap().get(action).actionPerformed(null);
    }

    private static void doubleClick(Component c) {
        c.dispatchEvent(new MouseEvent(c, MouseEvent.MOUSE_CLICKED, System.currentTimeMillis(), 0, 10, 10, 2, false,
                MouseEvent.BUTTON1));
    }

    private <T extends Component> T find(String name, Class<T> type) {
        return SwingTree.named(app.window(), name, type);
    }

    private static Optional<JDialog> anyDialog() {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static void onEdt(Runnable r) throws Exception {
        SwingUtilities.invokeAndWait(r);
    }

    private static <T> T onEdtGet(Supplier<T> s) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> out.set(s.get()));
        return out.get();
    }
}
