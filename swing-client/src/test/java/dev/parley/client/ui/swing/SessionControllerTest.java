package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.CallStarter;
import dev.parley.client.ui.engine.ProtocolRoomLinks;
import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.StartFailure;
import dev.parley.client.ui.profile.PreferencesStore;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeAudio;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.FakeVideo;
import dev.parley.common.call.CallControl;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.video.VideoSink;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.swing.AbstractButton;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static dev.parley.client.ui.testing.Participants.present;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The whole desktop flow with a fake engine: start screen, join, call, failures and their dialogs. */
class SessionControllerTest {
    private static final String LINK = "parley://relay.example.org/r/q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA";

    @TempDir
    Path dir;
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final FakeCallControl control = new FakeCallControl();
    private final AtomicReference<CallEvents> events = new AtomicReference<>();
    private final AtomicReference<JoinRequest> joined = new AtomicReference<>();
    private volatile StartFailure failWith;
    private volatile CallEvent endRightAway;
    private PreferencesStore preferences;
    private SessionController app;

    @BeforeEach
    void setUp() throws Exception {
        dev.parley.client.testing.Displays.assumeDisplay();
        preferences = PreferencesStore.load(dir.resolve(PreferencesStore.FILE_NAME));
        preferences.update(p -> p.withLastName("Alice").withLastRelay("relay.example.org:5000"));
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        CallStarter starter = new CallStarter() {
            @Override
            public CallControl start(JoinRequest request, AudioSource mic, AudioSink speaker, VideoSink video,
                                     CallEvents ev) throws StartFailure {
                if (failWith != null) {
                    mic.close();
                    speaker.close();
                    throw failWith;
                }
                joined.set(request);
                events.set(ev);
                ev.on(new CallEvent.ConnectionChanged(ConnectionState.CONNECTING, ""));
                if (endRightAway != null) {
                    ev.on(endRightAway);
                }
                return control;
            }

            @Override
            public boolean videoAvailable() {
                return true;
            }
        };
        AppServices services = new AppServices(preferences, VerifiedContacts.empty(dir.resolve("c.txt"), clock),
                new FakeAudio(), new FakeVideo(), starter, new ProtocolRoomLinks(), io, clock, () -> { });
        SwingUtilities.invokeAndWait(() -> {
            Themes.install(ThemeChoice.LIGHT, Optional.empty());
            app = new SessionController(services);
            app.open();
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        io.shutdownNow();
        if (!GraphicsEnvironment.isHeadless()) {
            SwingUtilities.invokeAndWait(() -> {
                for (Window w : Window.getWindows()) {
                    w.dispose();
                }
            });
        }
    }

    private <T extends Component> T find(String name, Class<T> type) {
        return SwingTree.named(app.window(), name, type);
    }

    private static void onEdt(Runnable r) throws Exception {
        SwingUtilities.invokeAndWait(r);
    }

    @Test
    void anInvalidLinkIsExplainedUnderTheField() throws Exception {
        onEdt(() -> {
            find("linkField", JTextField.class).setText("https://example.org/r/abc");
            assertThat(find("linkMessage", WrappingText.class).getText())
                    .isEqualTo("This is a web address, not a Parley invite link. Invite links start with parley://");
            find("linkField", JTextField.class).setText("");
            find("joinButton", JButton.class).doClick();
            assertThat(find("linkMessage", WrappingText.class).getText())
                    .isEqualTo("Paste the invite link you were sent. It starts with parley://");
        });
        assertThat(joined.get()).isNull();
        onEdt(() -> find("linkField", JTextField.class).setText(LINK.substring(0, 50)));
        for (int i = 0; i < 3; i++) {
            onEdt(() -> { });
        }
        onEdt(() -> {
            assertThat(find("linkMessage", WrappingText.class).getHeight())
                    .as("the whole sentence is shown").isGreaterThan(2 * find("linkField", JTextField.class).getFont().getSize());
            try {
                SwingTree.screenshot(app.window(), "start-screen-invalid-link.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void newRoomShowsAFreshLinkToCopyAndRemembersTheRelay() throws Exception {
        onEdt(() -> {
            assertThat(find("relayField", JTextField.class).getText()).isEqualTo("relay.example.org:5000");
            find("newRoomButton", JButton.class).doClick();
            String fresh = find("newLinkField", JTextField.class).getText();
            assertThat(fresh).startsWith("parley://relay.example.org:5000/r/");
            assertThat(find("linkField", JTextField.class).getText()).isEqualTo(fresh);
            assertThat(find("copyLinkButton", JButton.class).isShowing()).isTrue();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> preferences.get().lastRelay()
                .filter("relay.example.org:5000"::equals).isPresent());
        onEdt(() -> {
            try {
                SwingTree.screenshot(app.window(), "start-screen-new-room.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void joiningShowsTheCallAndARefusedTokenLeadsBackToTheTokenField() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> comboSize("micPicker") == 3);
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("joinButton", JButton.class).doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> SwingTree.find(app.window(), "callScreen", CallScreen.class)
                .filter(Component::isShowing).isPresent());
        assertThat(joined.get().displayName()).isEqualTo("Alice");

        events.get().on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
        events.get().on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        events.get().on(new CallEvent.ParticipantChanged(present(3, "Carol", 3)));
        await().atMost(Duration.ofSeconds(5)).until(() -> tileCount() == 3);

        events.get().on(new CallEvent.CallEnded(false, 2, "unauthorized"));
        JDialog dialog = await().atMost(Duration.ofSeconds(5)).until(SessionControllerTest::failureDialog,
                Optional::isPresent).orElseThrow();
        assertThat(text(dialog)).contains("The relay refused your access token.");
        onEdt(() -> button(dialog, "Enter a token").doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> find("startScreen", JPanel.class).isShowing());
    }

    @Test
    void theThemeToggleCyclesAndIsRemembered() throws Exception {
        onEdt(() -> {
            JButton theme = find("themeButton", JButton.class);
            theme.doClick(); // system -> light
            theme.doClick(); // light -> dark
            assertThat(com.formdev.flatlaf.FlatLaf.isLafDark()).isTrue();
            assertThat(theme.getText()).isEqualTo("Theme: dark");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> preferences.get().theme() == ThemeChoice.DARK);
        onEdt(() -> {
            find("themeButton", JButton.class).doClick(); // dark -> system (light here)
            assertThat(com.formdev.flatlaf.FlatLaf.isLafDark()).isFalse();
        });
    }

    @Test
    void leavingReturnsToTheStartScreenEvenIfTheEngineNeverConfirms() throws Exception {
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("joinButton", JButton.class).doClick();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> SwingTree.find(app.window(), "callScreen", CallScreen.class)
                .filter(Component::isShowing).isPresent());
        onEdt(() -> find("leaveButton", JButton.class).doClick());
        assertThat(control.leaves).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> find("startScreen", JPanel.class).isShowing());
        assertThat(failureDialog()).as("leaving is not a failure").isEmpty();
    }

    @Test
    void aCallThatEndsBeforeTheScreenIsUpStillEndsInTheDialog() throws Exception {
        endRightAway = new CallEvent.CallEnded(false, 3, "room full");
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("joinButton", JButton.class).doClick();
        });
        JDialog dialog = await().atMost(Duration.ofSeconds(5)).until(SessionControllerTest::failureDialog,
                Optional::isPresent).orElseThrow();
        assertThat(dialog.getTitle()).isEqualTo("Room full");
        onEdt(() -> button(dialog, "Close").doClick());
        onEdt(() -> {
            assertThat(find("startScreen", JPanel.class).isShowing()).isTrue();
            assertThat(find("joinButton", JButton.class).isEnabled()).as("ready to join again").isTrue();
        });
    }

    @Test
    void aPinMismatchSaysSoInASentenceAndNeverShowsAStackTrace() throws Exception {
        failWith = new StartFailure(StartFailure.Kind.PIN_MISMATCH, "pin mismatch",
                new java.security.cert.CertificateException("leaf sha256 0badc0de != pinned"));
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("joinButton", JButton.class).doClick();
        });
        JDialog dialog = await().atMost(Duration.ofSeconds(5)).until(SessionControllerTest::failureDialog,
                Optional::isPresent).orElseThrow();
        assertThat(dialog.getTitle()).isEqualTo("Certificate does not match");
        assertThat(text(dialog)).contains("showed a different certificate than the one pinned in the link")
                .doesNotContain("Exception").doesNotContain("0badc0de");
        onEdt(() -> {
            try {
                SwingTree.screenshot(dialog, "pin-mismatch-dialog.png");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            button(dialog, "Close").doClick();
        });
        onEdt(() -> assertThat(find("joinButton", JButton.class).isEnabled()).isTrue());
    }

    @Test
    void aBusyMicrophoneBlocksTheJoinWithAWayForward() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> comboSize("micPicker") == 3);
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("micPicker", DevicePicker.class).setSelectedIndex(2); // "Broken Mic"
            find("joinButton", JButton.class).doClick();
        });
        JDialog dialog = await().atMost(Duration.ofSeconds(5)).until(SessionControllerTest::failureDialog,
                Optional::isPresent).orElseThrow();
        assertThat(text(dialog)).contains("is in use by another application");
        onEdt(() -> button(dialog, "Choose devices").doClick());
        assertThat(joined.get()).isNull();
    }

    private int comboSize(String name) throws Exception {
        AtomicReference<Integer> n = new AtomicReference<>();
        onEdt(() -> n.set(find(name, DevicePicker.class).getItemCount()));
        return n.get();
    }

    private int tileCount() throws Exception {
        AtomicReference<Integer> n = new AtomicReference<>();
        onEdt(() -> n.set((int) SwingTree.all(app.window()).stream().filter(c -> c instanceof ParticipantTile).count()));
        return n.get();
    }

    private static Optional<JDialog> failureDialog() {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing()
                    && SwingTree.find(d, "failureMessage", JPanel.class).isPresent()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static String text(JDialog dialog) {
        List<String> texts = SwingTree.all(dialog).stream().filter(c -> c instanceof JTextComponent)
                .map(c -> ((JTextComponent) c).getText()).collect(Collectors.toList());
        return String.join("\n", texts);
    }

    private static AbstractButton button(JDialog dialog, String text) {
        return SwingTree.all(dialog).stream().filter(c -> c instanceof AbstractButton b && text.equals(b.getText()))
                .map(AbstractButton.class::cast).findFirst().orElseThrow();
    }
}
