package dev.parley.client.ui.swing;

import dev.parley.client.ui.model.CallViewModel;
import dev.parley.client.ui.model.StatsFormat;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallStats;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.call.PeerStats;
import dev.parley.common.crypto.Fingerprints;
import dev.parley.common.domain.PeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JTextArea;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static dev.parley.client.ui.testing.Participants.failed;
import static dev.parley.client.ui.testing.Participants.joining;
import static dev.parley.client.ui.testing.Participants.key;
import static dev.parley.client.ui.testing.Participants.present;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The call screen on a real display (Xvfb in CI), fed by a view model with scripted engine events.
 * The end-to-end test with a relay and headless peers lives elsewhere; this one proves the screen.
 */
class CallScreenSmokeTest {
    private static final PeerId BOB = new PeerId(2);
    private static final PeerId CAROL = new PeerId(3);
    /** What the engine would say for Alice (key 7) and Carol (key 3), computed with the protocol's own code. */
    private static final String SAFETY = Fingerprints.grouped(Fingerprints.safetyNumber(key(7), key(3)));

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final FakeCallControl control = new FakeCallControl();
    private final List<PeerId> verified = new ArrayList<>();
    private JFrame frame;

    @BeforeEach
    void needsADisplay() {
        dev.parley.client.testing.Displays.assumeDisplay();
    }

    @AfterEach
    void close() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                w.dispose();
            }
        });
    }

    private CallViewModel callWithThreePeople(ThemeChoice theme, boolean allStates) throws Exception {
        VerifiedContacts contacts = VerifiedContacts.empty(dir.resolve("contacts.txt"), clock);
        contacts.markVerified(key(2), "Bob");
        contacts.markVerified(key(1), "Dana");
        AtomicReference<CallViewModel> vmRef = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            Themes.install(theme, Optional.of(false));
            CallViewModel vm = new CallViewModel("Alice", contacts, SwingUtilities::invokeLater, clock,
                    new StatsFormat(Locale.ROOT));
            vm.attach(control, true);
            CallScreen screen = new CallScreen(vm, new CallVideo(vm), new RecordingHost());
            screen.setDevices(List.of("USB Headset", "Built-in Microphone"), List.of("USB Headset", "Speakers"),
                    Optional.of("USB Headset"), Optional.empty());
            frame = new JFrame("Parley");
            frame.setContentPane(screen);
            frame.setSize(allStates ? 1280 : 1040, allStates ? 760 : 560);
            frame.setLocation(0, 0);
            frame.setVisible(true);
            vmRef.set(vm);
        });
        CallViewModel vm = vmRef.get();
        control.safetyNumbers.put(BOB, SAFETY);
        // Engine threads report; the view model hands over to the event thread.
        vm.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        vm.on(new CallEvent.ParticipantChanged(present(3, "Carol", 3)));
        if (allStates) {
            vm.on(new CallEvent.ParticipantChanged(present(4, "Dana", 9)));
            vm.on(new CallEvent.ParticipantChanged(joining(5, "Erin", 5)));
            vm.on(new CallEvent.ParticipantChanged(failed(6, "Its membership proof does not verify.")));
        }
        vm.on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.55, CAROL, 0.02), 0.3));
        vm.on(new CallEvent.StatsUpdated(new CallStats(24, 27_600, 32_000, 3, clock.instant().minusSeconds(41),
                Optional.of("3f9a0c".repeat(10) + "b2e1"), List.of(new PeerStats(BOB, 0.012, 4.2, 60, 28_300, 5, 0.0),
                new PeerStats(CAROL, 0, 2.1, 40, 1_200, 2, 0.004)))));
        settle();
        return vm;
    }

    /** Lets queued events and the relayouts they cause (wrapping text) run. */
    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            SwingUtilities.invokeAndWait(() -> { });
        }
    }

    @Test
    void showsThreeParticipantsAndTheSafetyNumber() throws Exception {
        callWithThreePeople(ThemeChoice.LIGHT, false);

        SwingUtilities.invokeAndWait(() -> {
            JPanel participants = SwingTree.named(frame, "participantsPanel", JPanel.class);
            assertThat(SwingTree.all(participants)).filteredOn(c -> c instanceof ParticipantTile)
                    .extracting(java.awt.Component::getName).containsExactly("tile-self", "tile-2", "tile-3");
            assertThat(SwingTree.named(frame, "name-self", JLabel.class).getText()).isEqualTo("Alice");
            assertThat(SwingTree.named(frame, "badge-2", JLabel.class).getText()).isEqualTo("Verified");
            assertThat(SwingTree.named(frame, "badge-3", JLabel.class).getText()).isEqualTo("Not verified");
            assertThat(SwingTree.named(frame, "speaking-2", SpeakingIndicator.class).speaking()).isTrue();
            assertThat(SwingTree.named(frame, "speaking-3", SpeakingIndicator.class).speaking()).isFalse();
            assertThat(SwingTree.named(frame, "volume-2", JSlider.class).isVisible()).isTrue();
            assertThat(SwingTree.named(frame, "statusLabel", JLabel.class).getText())
                    .isEqualTo("In the call with 2 others \u00b7 end-to-end encrypted");
        });
        SwingUtilities.invokeAndWait(() -> {
            try {
                SwingTree.screenshot(frame, "call-screen.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // The dialog is modal: open it from a later event so this thread can look at it.
        SwingUtilities.invokeLater(() -> SwingTree.named(frame, "safetyButton-3", JButton.class).doClick());
        control.safetyNumbers.put(CAROL, SAFETY);
        JDialog dialog = await().atMost(Duration.ofSeconds(5))
                .until(() -> SwingTree.showingDialog("safetyNumberDialog"), Optional::isPresent).orElseThrow();
        AtomicReference<String> shown = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            shown.set(SwingTree.named(dialog, "safetyNumberLabel", JTextArea.class).getText());
            try {
                SwingTree.screenshot(dialog, "safety-number-dialog.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(shown.get().lines()).hasSize(3)
                .allSatisfy(line -> assertThat(line).matches("[0-9]{5}( [0-9]{5}){3}"));
        assertThat(shown.get().replaceAll("\\s", "")).isEqualTo(Fingerprints.safetyNumber(key(3), key(7)));

        SwingUtilities.invokeAndWait(() -> SwingTree.named(dialog, "markVerifiedButton", JButton.class).doClick());
        assertThat(verified).containsExactly(CAROL);
    }

    @Test
    void muteButtonAndShortcutDriveTheCall() throws Exception {
        callWithThreePeople(ThemeChoice.LIGHT, false);
        SwingUtilities.invokeAndWait(() -> {
            JToggleButton mute = SwingTree.named(frame, "muteButton", JToggleButton.class);
            mute.doClick();
            assertThat(control.muted).isTrue();
            assertThat(mute.getText()).isEqualTo("Unmute");
            assertThat(SwingTree.named(frame, "muted-self", JLabel.class).isVisible()).isTrue();
            CallScreen screen = (CallScreen) frame.getContentPane();
            javax.swing.KeyStroke ctrlM = javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_M,
                    java.awt.Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx());
            Object actionKey = screen.getInputMap(javax.swing.JComponent.WHEN_IN_FOCUSED_WINDOW).get(ctrlM);
            screen.getActionMap().get(actionKey).actionPerformed(null);
            assertThat(control.muted).isFalse();
        });
    }

    @Test
    void holdingSpaceTalksOnlyWithPushToTalkAndSurvivesKeyRepeat() throws Exception {
        callWithThreePeople(ThemeChoice.LIGHT, false);
        AtomicReference<PushToTalkKeys> keys = new AtomicReference<>();
        AtomicReference<JToggleButton> mute = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            keys.set(((CallScreen) frame.getContentPane()).pushToTalkKeys());
            mute.set(SwingTree.named(frame, "muteButton", JToggleButton.class));
            assertThat(keys.get().dispatchKeyEvent(space(mute.get(), java.awt.event.KeyEvent.KEY_PRESSED)))
                    .as("Space is left alone without push-to-talk").isFalse();
            SwingTree.named(frame, "pushToTalkCheck", javax.swing.JCheckBox.class).doClick();
            assertThat(control.muted).as("push-to-talk starts muted").isTrue();
            assertThat(mute.get().isEnabled()).isFalse();

            assertThat(keys.get().dispatchKeyEvent(space(mute.get(), java.awt.event.KeyEvent.KEY_PRESSED))).isTrue();
            assertThat(control.muted).isFalse();
            // X11 auto-repeat: release and press again at once while the key is held.
            keys.get().dispatchKeyEvent(space(mute.get(), java.awt.event.KeyEvent.KEY_RELEASED));
            keys.get().dispatchKeyEvent(space(mute.get(), java.awt.event.KeyEvent.KEY_PRESSED));
        });
        Thread.sleep(200); // far beyond the release grace: a repeat pair must not have muted
        SwingUtilities.invokeAndWait(() -> {
            assertThat(control.muted).as("still talking through key repeat").isFalse();
            keys.get().dispatchKeyEvent(space(mute.get(), java.awt.event.KeyEvent.KEY_RELEASED));
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> control.muted);
        SwingUtilities.invokeAndWait(() -> assertThat(SwingTree.named(frame, "muted-self", JLabel.class).isVisible()).isTrue());
    }

    private static java.awt.event.KeyEvent space(java.awt.Component source, int id) {
        return new java.awt.event.KeyEvent(source, id, System.currentTimeMillis(), 0, java.awt.event.KeyEvent.VK_SPACE, ' ');
    }

    @Test
    void everyStateInTheDarkTheme() throws Exception {
        callWithThreePeople(ThemeChoice.DARK, true);
        SwingUtilities.invokeAndWait(() -> SwingTree.named(frame, "statsButton", JToggleButton.class).doClick());
        settle();
        SwingUtilities.invokeAndWait(() -> {
            assertThat(SwingTree.named(frame, "badge-6", JLabel.class).getText()).isEqualTo("Failed verification");
            assertThat(SwingTree.named(frame, "badge-5", JLabel.class).getText()).isEqualTo("Joining\u2026");
            assertThat(SwingTree.named(frame, "warning-4", WrappingText.class).isVisible()).isTrue();
            assertThat(SwingTree.named(frame, "detail-6", WrappingText.class).getText())
                    .startsWith("Its membership proof does not verify.");
            assertThat(SwingTree.named(frame, "statsRtt", JLabel.class).getText()).isEqualTo("24 ms");
            try {
                SwingTree.screenshot(frame, "call-screen-dark-all-states.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private final class RecordingHost implements CallScreen.Host {
        @Override
        public void microphoneChosen(Optional<String> device) {
        }

        @Override
        public void speakerChosen(Optional<String> device) {
        }

        @Override
        public void cameraToggled() {
        }

        @Override
        public void cameraChosen(Optional<String> device) {
        }

        @Override
        public void screenShareToggled() {
        }

        @Override
        public void markVerified(PeerId peer) {
            verified.add(peer);
        }

        @Override
        public void removeVerification(PeerId peer) {
        }

        @Override
        public void pushToTalkChanged(boolean enabled) {
        }

        @Override
        public void leave() {
        }

        @Override
        public void toggleTheme() {
        }

        @Override
        public ThemeChoice theme() {
            return ThemeChoice.LIGHT;
        }
    }
}
