package dev.parley.client.e2e;

import dev.parley.client.e2e.desktop.FixedAudio;
import dev.parley.client.e2e.desktop.Gui;
import dev.parley.client.e2e.desktop.HeadlessPeer;
import dev.parley.client.e2e.desktop.Recordings;
import dev.parley.client.ui.ParleyApp;
import dev.parley.client.ui.engine.DeviceVideoBackend;
import dev.parley.client.video.camera.Cameras;
import dev.parley.client.video.camera.TestPatternWebcamDriver;
import dev.parley.client.ui.profile.PreferencesStore;
import dev.parley.client.ui.profile.ProfileDirectory;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.swing.MainWindow;
import dev.parley.client.ui.swing.SessionController;
import dev.parley.common.crypto.Fingerprints;
import dev.parley.common.crypto.IdentityStore;
import dev.parley.common.crypto.RoomLinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTable;
import javax.swing.text.JTextComponent;
import java.awt.AWTError;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 5 end to end, for real: the relay (in this JVM, on loopback), two headless participants
 * (Bob records what he hears and prints stats; Carol plays a pulsed 1 kHz tone and records), and the desktop
 * app built by its own composition root ({@link ParleyApp#launch(dev.parley.client.ui.engine.AudioBackend,
 * Runnable)}) with the real call engine, profile, preferences and contacts. Only its sound devices are
 * stand-ins: a pulsed 440 Hz tone as the microphone and a WAV file as the speaker ({@link FixedAudio}).
 *
 * <p>The test joins the way a person does, by pasting the invite link into the start screen and pressing
 * Join, and then checks through the component tree: three tiles; the peers present; mute silences the
 * app at both peers (their recordings lose the 440 Hz tone, Bob's stats show nothing arriving from it)
 * while Bob still hears Carol; the safety number in the dialog opened from Bob's tile equals one
 * computed here from the two identity files, and "Mark as verified" turns Bob's badge to Verified;
 * the camera button sends the app's (test) camera, which Bob receives, while Bob's test-pattern video
 * shows in his tile and Carol's tile shows initials; leaving returns to the start screen, closing the window ends the app, and the profile keeps the name
 * and the verification. It saves a screenshot of the call screen to
 * {@code target/screenshots/desktop-call.png} (with {@code -Dparley.docsScreenshot=true} also to
 * {@code docs/screenshot-call.png}, the README's picture); the recordings, profiles and the app's log
 * stay in {@code target/desktop-e2e} for a look after a failure.
 *
 * <p>Needs a display (Xvfb will do): skipped without one, unless {@code CI_REQUIRE_DISPLAY=1}.
 */
class DesktopCallTest {
    private static final String ME = "Dana";
    private static final double MY_TONE_HZ = 440;
    private static final double CAROLS_TONE_HZ = 1000;
    /** Peak of each {@link dev.parley.client.e2e.desktop.PulsedTone}; two of them mixed stay below full scale. */
    private static final double AMPLITUDE = 0.4;
    /** Such a tone reads about 6,500 ({@link Recordings#toneAmplitude}, half the peak); well above this when heard. */
    private static final double HEARD = 2_000;
    /** Silence and a tone 560 Hz away read a few units; well below this when not heard. */
    private static final double SILENT = 150;
    private static final Duration AUDIO_WAIT = Duration.ofSeconds(10);

    private final Path basedir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private final Path work = basedir.resolve("target/desktop-e2e");
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final List<HeadlessPeer> peers = new ArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;
    private List<Handler> previousLogHandlers;
    private String previousHome;
    private RelayFixture relay;
    private SessionController app;
    private final long started = System.nanoTime();

    /** Where the time goes, in the test's output. */
    private void phase(String what) {
        System.out.printf("DesktopCallTest %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    @BeforeEach
    void needsDisplay() {
        String why = displayProblem();
        if (why != null) {
            if ("1".equals(System.getenv("CI_REQUIRE_DISPLAY"))) {
                fail("CI_REQUIRE_DISPLAY=1, but " + why + ". Run the build under Xvfb, e.g. xvfb-run -a ./mvnw -B verify");
            }
            assumeTrue(false, why + ". The desktop end-to-end test needs a display;"
                    + " run it under Xvfb, e.g. xvfb-run -a ./mvnw -B verify (set CI_REQUIRE_DISPLAY=1 to fail instead of skipping)");
        }
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        previousHome = System.getProperty(ProfileDirectory.HOME_PROPERTY);
        previousLogHandlers = List.of(Logger.getLogger("").getHandlers());
    }

    /** Null when Swing can open windows here; otherwise a phrase saying why not. */
    private static String displayProblem() {
        if (GraphicsEnvironment.isHeadless()) {
            return "there is no display (DISPLAY is " + (System.getenv("DISPLAY") == null ? "unset"
                    : "\u201c" + System.getenv("DISPLAY") + "\u201d") + ", java.awt.headless="
                    + System.getProperty("java.awt.headless", "unset") + ")";
        }
        try {
            GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
            return null;
        } catch (AWTError | RuntimeException e) {
            return "the display " + System.getenv("DISPLAY") + " cannot be opened (" + e.getMessage() + ")";
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (previousLogHandlers == null) {
            return; // skipped for want of a display: nothing was started
        }
        if (app != null) {
            Gui.onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    w.dispose();
                }
            });
        }
        for (HeadlessPeer peer : peers) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        // The app logs to its profile directory from launch on; later tests in this JVM need not.
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (!previousLogHandlers.contains(h)) {
                Logger.getLogger("").removeHandler(h);
                h.close();
            }
        }
        if (previousHome == null) {
            System.clearProperty(ProfileDirectory.HOME_PROPERTY);
        } else {
            System.setProperty(ProfileDirectory.HOME_PROPERTY, previousHome);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void joinFromTheStartScreenMuteAndCompareSafetyNumbers() throws Exception {
        // ---- the room: relay, Bob and Carol ----
        deleteRecursively(work);
        Files.createDirectories(work);
        relay = new RelayFixture(work.resolve("tls"));
        String link = RoomLinks.format(relay.newRoom());
        phase("relay up");
        Path carolsTone = work.resolve("carol-plays-1khz.wav");
        Recordings.writeTone(carolsTone, CAROLS_TONE_HZ, AMPLITUDE, 60);
        Path bobHeard = work.resolve("bob-heard.wav");
        Path carolHeard = work.resolve("carol-heard.wav");
        Path appHeard = work.resolve("app-heard.wav");
        Path bobProfile = work.resolve("profile-bob");
        Path bobSaw = work.resolve("bob-video");
        HeadlessPeer bob = peer(HeadlessPeer.start("Bob", "--link", link, "--record", bobHeard.toString(),
                "--stats", "--duration", "80s", "--profile", bobProfile.toString(), "--video", "test-pattern",
                "--record-video", bobSaw.toString()));
        HeadlessPeer carol = peer(HeadlessPeer.start("Carol", "--link", link, "--play", carolsTone.toString(),
                "--record", carolHeard.toString(), "--duration", "80s", "--profile", work.resolve("profile-carol").toString()));
        await("Bob and Carol in the call").atMost(Duration.ofSeconds(15))
                .failFast("a headless participant ended", () -> bob.exit().isDone() || carol.exit().isDone())
                .until(() -> bob.inCall() && carol.inCall());
        phase("Bob and Carol in the call");

        // ---- the app, joining through its start screen ----
        Path profile = work.resolve("profile-app");
        System.setProperty(ProfileDirectory.HOME_PROPERTY, profile.toString());
        // the real camera path (webcam-capture) with a driver whose one camera shows the test pattern
        app = ParleyApp.launch(new FixedAudio(MY_TONE_HZ, AMPLITUDE, appHeard),
                        new DeviceVideoBackend(new Cameras(new TestPatternWebcamDriver())), () -> exited.set(true))
                .get(20, TimeUnit.SECONDS);
        Thread.UncaughtExceptionHandler appHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            uncaught.add(e);
            appHandler.uncaughtException(t, e);
        });
        MainWindow window = app.window();
        phase("app window open");
        Gui.onEdt(() -> {
            assertThat(window.isShowing()).isTrue();
            Gui.named(window, "linkField", JTextComponent.class).setText(link);
            JTextComponent name = Gui.named(window, "nameField", JTextComponent.class);
            name.setText(ME);
            AbstractButton join = Gui.named(window, "joinButton", AbstractButton.class);
            assertThat(join.isEnabled()).isTrue();
            join.doClick();
        });

        // 1. three participants: my tile and one per peer, the peers present (not yet verified by me)
        await("the call screen with three tiles, both peers present").atMost(Duration.ofSeconds(20))
                .failFast("the app showed a dialog", () ->
                        assertThat(Gui.onEdt(Gui::showingDialogs)).as("dialogs on screen").isEmpty())
                .untilAsserted(() -> {
                    Map<String, String> badges = Gui.onEdt(() -> badgesByName(window));
                    assertThat(badges).containsExactlyInAnyOrderEntriesOf(Map.of(
                            ME, "You", "Bob", "Not verified", "Carol", "Not verified"));
                });
        Map<String, String> tileIds = Gui.onEdt(() -> tileIdsByName(window));
        phase("three tiles, peers present");
        String bobsTile = tileIds.get("Bob");
        Gui.onEdt(() -> {
            JComponent participants = Gui.named(window, "participantsPanel", JComponent.class);
            List<String> tiles = Gui.showingNamedLike(participants, "tile-").stream().map(Component::getName).toList();
            assertThat(tiles).hasSize(3).first().isEqualTo("tile-self");
            assertThat(tiles).containsExactlyInAnyOrder("tile-self", "tile-" + bobsTile, "tile-" + tileIds.get("Carol"));
            assertThat(Gui.named(window, "statusLabel", JLabel.class).getText()).startsWith("In the call with 2 others");
        });
        // ...as the engine reports it on the other side too
        await("Bob's engine sees " + ME + " present").atMost(Duration.ofSeconds(10))
                .until(() -> bob.lastReportOn(ME).map(r -> r.status().equals("PRESENT")).orElse(false));

        // video: Bob's camera (the test pattern) in his tile; mine, from the test camera, in my tile
        // (mirrored) and at Bob; Carol sends none and shows her initials
        String carolsTile = tileIds.get("Carol");
        Gui.onEdt(() -> Gui.named(window, "cameraButton", AbstractButton.class).doClick());
        await("video in Bob's tile and in my self view").atMost(Duration.ofSeconds(15)).untilAsserted(() -> Gui.onEdt(() -> {
            assertThat(videoState(window, bobsTile)).as("Bob's tile").isEqualTo("Camera on");
            assertThat(videoState(window, "self")).as("my tile").isEqualTo("Camera on");
            assertThat(videoState(window, carolsTile)).as("Carol's tile").isEqualTo("No video");
            assertThat(Gui.named(window, "cameraButton", AbstractButton.class).getText()).isEqualTo("Stop camera");
        }));
        await("Bob receives my camera").atMost(Duration.ofSeconds(15)).until(() ->
                Files.exists(bobSaw.resolve("frames.jsonl"))
                        && Files.readString(bobSaw.resolve("frames.jsonl")).contains("\"kind\":\"camera\""));
        phase("video both ways");

        // 2. my microphone reaches both peers; Bob hears Carol; I hear Carol
        await("both peers hear my 440 Hz tone").atMost(AUDIO_WAIT).untilAsserted(() -> {
            assertThat(tone(carolHeard, MY_TONE_HZ)).as("440 Hz at Carol").isGreaterThan(HEARD);
            assertThat(tone(bobHeard, MY_TONE_HZ)).as("440 Hz at Bob").isGreaterThan(HEARD);
            assertThat(tone(bobHeard, CAROLS_TONE_HZ)).as("1 kHz (Carol) at Bob").isGreaterThan(HEARD);
            assertThat(tone(appHeard, CAROLS_TONE_HZ)).as("1 kHz (Carol) in the app").isGreaterThan(HEARD);
            assertThat(bob.bitrateInFrom(ME).orElse(0)).as("Bob's bitrate in from " + ME).isPositive();
        });
        phase("audio flows both ways");

        // 4. the screenshot, with levels moving and the statistics open
        Gui.onEdt(() -> Gui.named(window, "statsButton", AbstractButton.class).doClick());
        await("statistics for both peers").atMost(Duration.ofSeconds(5)).untilAsserted(() -> Gui.onEdt(() -> {
            JTable table = Gui.named(window, "statsTable", JTable.class);
            List<Object> names = new ArrayList<>();
            for (int row = 0; row < table.getRowCount(); row++) {
                names.add(table.getValueAt(row, 0));
            }
            assertThat(names).containsExactlyInAnyOrder("Bob", "Carol");
            assertThat(Gui.named(window, "statsRelayFingerprint", JTextComponent.class).getText().replaceAll("\\s", ""))
                    .as("the relay certificate in the statistics").isEqualTo(relay.fingerprint());
        }));
        Path screenshot = basedir.resolve("target/screenshots/desktop-call.png");
        Gui.onEdt(() -> {
            Gui.screenshot(window, screenshot);
            return null;
        });
        assertThat(screenshot).isNotEmptyFile();
        // the README's picture: the call as people see it, statistics closed, in a roomier window
        Path videoShot = basedir.resolve("target/screenshots/desktop-call-video.png");
        Gui.onEdt(() -> {
            Gui.named(window, "statsButton", AbstractButton.class).doClick();
            window.setSize(1280, 800);
            window.validate();
        });
        Gui.onEdt(() -> {
            Gui.screenshot(window, videoShot);
            return null;
        });
        if (Boolean.getBoolean("parley.docsScreenshot")) {
            Path docs = basedir.getParent().resolve("docs/screenshot-call.png");
            Files.copy(videoShot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
        phase("screenshots saved");

        // camera off: Bob is told the stream ended, my tile goes back to my initials
        Gui.onEdt(() -> Gui.named(window, "cameraButton", AbstractButton.class).doClick());
        await("my camera off, here and at Bob").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(Gui.onEdt(() -> videoState(window, "self"))).isEqualTo("No video");
            assertThat(Files.readString(bobSaw.resolve("frames.jsonl"))).contains("\"event\":\"stream_ended\"");
        });
        phase("camera off");

        // 2. mute: nothing of mine reaches the peers any more, while the call goes on
        Gui.onEdt(() -> {
            AbstractButton mute = Gui.named(window, "muteButton", AbstractButton.class);
            mute.doClick();
            assertThat(mute.getText()).isEqualTo("Unmute");
            assertThat(Gui.named(window, "muted-self", JLabel.class).isShowing()).isTrue();
        });
        await("after mute, neither peer hears me").atMost(AUDIO_WAIT).untilAsserted(() -> {
            assertThat(tone(carolHeard, MY_TONE_HZ)).as("440 Hz at Carol").isLessThan(SILENT);
            assertThat(tone(bobHeard, MY_TONE_HZ)).as("440 Hz at Bob").isLessThan(SILENT);
            assertThat(bob.bitrateInFrom(ME)).as("Bob's bitrate in from " + ME).hasValue(0);
            assertThat(tone(bobHeard, CAROLS_TONE_HZ)).as("Bob still hears Carol").isGreaterThan(HEARD);
        });
        phase("muted: silent at both peers");

        Gui.onEdt(() -> Gui.named(window, "muteButton", AbstractButton.class).doClick());
        await("after unmute, Carol hears me again").atMost(AUDIO_WAIT)
                .until(() -> tone(carolHeard, MY_TONE_HZ) > HEARD);
        phase("unmuted: heard again");

        // 3. the safety number with Bob, from his tile, against one computed from the two key files
        byte[] myKey = IdentityStore.load(profile.resolve(IdentityStore.FILE_NAME)).publicKey();
        byte[] bobsKey = IdentityStore.load(bobProfile.resolve(IdentityStore.FILE_NAME)).publicKey();
        String expected = Fingerprints.safetyNumber(myKey, bobsKey);
        Gui.pressLater(Gui.onEdt(() -> Gui.named(window, "safetyButton-" + bobsTile, AbstractButton.class)));
        JDialog dialog = await("the safety number dialog").atMost(Duration.ofSeconds(5))
                .until(() -> Gui.onEdt(() -> Gui.showingDialog("safetyNumberDialog").orElse(null)), d -> d != null);
        String shown = Gui.onEdt(() -> Gui.named(dialog, "safetyNumberLabel", JTextComponent.class).getText());
        assertThat(shown).matches("(\\d{5} \\d{5} \\d{5} \\d{5}\\n){2}\\d{5} \\d{5} \\d{5} \\d{5}");
        assertThat(shown.replaceAll("\\s", "")).isEqualTo(expected).hasSize(Fingerprints.SAFETY_NUMBER_DIGITS);
        assertThat(dialog.getTitle()).isEqualTo("Safety number with Bob");
        // Marking him verified is remembered and turns his badge (and only his) to Verified.
        Gui.onEdt(() -> Gui.named(dialog, "markVerifiedButton", AbstractButton.class).doClick());
        await("Bob verified").atMost(Duration.ofSeconds(5)).until(() -> Gui.onEdt(() -> badgesByName(window)),
                badges -> "Verified".equals(badges.get("Bob")) && "Not verified".equals(badges.get("Carol")));
        phase("safety number matches; Bob verified");

        // Leave, back on the start screen; closing the window ends the app.
        Gui.onEdt(() -> Gui.named(window, "leaveButton", AbstractButton.class).doClick());
        await("back on the start screen").atMost(Duration.ofSeconds(5)).until(() -> Gui.onEdt(() ->
                !window.inCall() && Gui.named(window, "startScreen", JPanel.class).isShowing()));
        await("Bob sees " + ME + " leave").atMost(Duration.ofSeconds(10)).until(() -> bob.lastReportOn(ME).isEmpty());
        Gui.onEdt(() -> window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSING)));
        await("the app exits").atMost(Duration.ofSeconds(5)).untilTrue(exited);
        phase("left and exited");
        assertThat(Gui.onEdt(Gui::showingDialogs)).as("dialogs left open").isEmpty();
        assertThat(uncaught).as("uncaught exceptions").isEmpty();
        assertThat(bob.exit()).as("Bob still in the call: " + bob.stderr()).isNotDone();
        // What the next run starts with: my name, and Bob as verified.
        ProfileDirectory saved = new ProfileDirectory(profile);
        assertThat(PreferencesStore.load(saved).get().lastName()).contains(ME);
        assertThat(VerifiedContacts.load(saved).byKey(bobsKey)).hasValueSatisfying(c ->
                assertThat(c.name()).isEqualTo("Bob"));
    }

    private HeadlessPeer peer(HeadlessPeer p) {
        peers.add(p);
        return p;
    }

    /** The amplitude of a tone over the last second that a participant recorded. */
    private static double tone(Path recording, double hz) throws IOException {
        return Recordings.toneAmplitude(Recordings.tail(recording, 1_000), hz);
    }

    /** "Camera on" while a tile shows a live picture, "No video" while it shows initials. */
    private static String videoState(Window window, String tileId) {
        return Gui.named(window, "video-" + tileId, JComponent.class).getAccessibleContext().getAccessibleDescription();
    }

    /** Shown participant name to its badge text, from the tiles on screen. */
    private static Map<String, String> badgesByName(Window window) {
        Map<String, String> badges = new LinkedHashMap<>();
        tileIdsByName(window).forEach((name, id) ->
                badges.put(name, Gui.named(window, "badge-" + id, JLabel.class).getText()));
        return badges;
    }

    /** Shown participant name to its tile id ({@code self} or the peer id). */
    private static Map<String, String> tileIdsByName(Window window) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Component tile : Gui.showingNamedLike(window, "tile-")) {
            String id = tile.getName().substring("tile-".length());
            ids.put(Gui.named(window, "name-" + id, JLabel.class).getText(), id);
        }
        return ids;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
