package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.AudioBackend;
import dev.parley.client.ui.engine.CallStarter;
import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.ProtocolRoomLinks;
import dev.parley.client.ui.profile.PreferencesStore;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeAudio;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.FakeVideo;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallControl;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.CallStats;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioProcessorStats;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.video.VideoSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The call screen's toggles for echo cancellation, noise suppression and automatic gain, in the
 * whole desktop flow with a fake engine: they start from the preferences, reach the call's
 * processor, are remembered, and say in a sentence when this computer has no processing.
 */
class AudioProcessingControlsTest {
    private static final String LINK = "parley://relay.example.org/r/q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA";
    private static final String MISSING = "Echo cancellation, noise suppression and automatic gain are not available"
            + " on this computer (the WebRTC audio library could not be loaded); your microphone is sent as it is.";

    @TempDir
    Path dir;
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final AtomicReference<CallEvents> events = new AtomicReference<>();
    private final AtomicReference<AudioProcessor> handedToTheCall = new AtomicReference<>();
    private PreferencesStore preferences;
    private SessionController app;

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

    @Test
    void theTogglesStartFromThePreferencesReachTheCallAndAreRemembered() throws Exception {
        RecordingProcessor processor = new RecordingProcessor();
        open(new Processing(Optional.empty(), processor), new AudioProcessing(true, false, true));
        joinACall();

        onEdt(() -> {
            assertThat(box("echoCancellationCheck").isSelected()).isTrue();
            assertThat(box("noiseSuppressionCheck").isSelected()).isFalse();
            assertThat(box("automaticGainCheck").isSelected()).isTrue();
            assertThat(box("noiseSuppressionCheck").isEnabled()).isTrue();
            assertThat(find("processingNotice", WrappingText.class).isVisible()).isFalse();
        });
        assertThat(processor.openedWith).isEqualTo(new AudioProcessing(true, false, true));
        assertThat(handedToTheCall.get()).isSameAs(processor);

        onEdt(() -> box("noiseSuppressionCheck").doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> processor.configured.contains(AudioProcessing.ALL));
        await().atMost(Duration.ofSeconds(5)).until(() -> preferences.get().audioProcessing().equals(AudioProcessing.ALL));
        onEdt(() -> box("echoCancellationCheck").doClick());
        AudioProcessing withoutEcho = new AudioProcessing(false, true, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> preferences.get().audioProcessing().equals(withoutEcho));
        assertThat(processor.configured).containsExactly(AudioProcessing.ALL, withoutEcho);

        // the statistics show the canceller's figures
        events.get().on(new CallEvent.StatsUpdated(new CallStats(21, 30_000, 32_000, 1, Instant.now(), Optional.empty(),
                List.of(), List.of(), List.of(), new AudioProcessorStats(AudioProcessing.ALL, OptionalDouble.of(27.6),
                OptionalInt.of(184)))));
        onEdt(() -> find("statsButton", JToggleButton.class).doClick());
        await().atMost(Duration.ofSeconds(5)).until(() -> onEdtGet(() -> find("statsEcho", JLabel.class).getText())
                .equals("28 dB less echo, 184 ms delay"));
        screenshot("call-screen-audio-processing.png");
    }

    @Test
    void withoutProcessingOnThisComputerTheTogglesAreOffAndASentenceSaysWhy() throws Exception {
        open(new Processing(Optional.of(MISSING), null), AudioProcessing.ALL);
        joinACall();

        onEdt(() -> {
            for (String name : List.of("echoCancellationCheck", "noiseSuppressionCheck", "automaticGainCheck")) {
                assertThat(box(name).isSelected()).as(name).isFalse();
                assertThat(box(name).isEnabled()).as(name).isFalse();
            }
            WrappingText notice = find("processingNotice", WrappingText.class);
            assertThat(notice.isShowing()).isTrue();
            assertThat(notice.getText()).isEqualTo(MISSING);
        });
        assertThat(handedToTheCall.get()).isSameAs(AudioProcessor.NONE);
        assertThat(preferences.get().audioProcessing()).as("the choice is kept for a computer that has it")
                .isEqualTo(AudioProcessing.ALL);
        screenshot("call-screen-no-audio-processing.png");
    }

    private void open(AudioBackend audio, AudioProcessing remembered) throws Exception {
        dev.parley.client.testing.Displays.assumeDisplay();
        preferences = PreferencesStore.load(dir.resolve(PreferencesStore.FILE_NAME));
        preferences.update(p -> p.withLastName("Alice").withAudioProcessing(remembered));
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        CallStarter starter = new CallStarter() {
            @Override
            public CallControl start(JoinRequest request, AudioSource mic, AudioSink speaker, VideoSink video,
                                     CallEvents ev) {
                throw new AssertionError("the desktop app starts calls with their audio processor");
            }

            @Override
            public CallControl start(JoinRequest request, AudioSource mic, AudioSink speaker, AudioProcessor processor,
                                     VideoSink video, CallEvents ev) {
                handedToTheCall.set(processor);
                events.set(ev);
                ev.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
                return new FakeCallControl();
            }

            @Override
            public boolean videoAvailable() {
                return true;
            }
        };
        AppServices services = new AppServices(preferences, VerifiedContacts.empty(dir.resolve("c.txt"), clock),
                audio, new FakeVideo(), starter, new ProtocolRoomLinks(), io, clock, () -> { });
        onEdt(() -> {
            Themes.install(ThemeChoice.LIGHT, Optional.empty());
            app = new SessionController(services);
            app.open();
            app.window().setSize(1040, 720);
        });
    }

    private void joinACall() throws Exception {
        onEdt(() -> {
            find("linkField", JTextField.class).setText(LINK);
            find("joinButton", JButton.class).doClick();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> onEdtGet(() -> SwingTree.find(app.window(), "callScreen",
                CallScreen.class).filter(Component::isShowing).isPresent()));
        for (int i = 0; i < 3; i++) {
            onEdt(() -> { });
        }
    }

    private JCheckBox box(String name) {
        return find(name, JCheckBox.class);
    }

    private <T extends Component> T find(String name, Class<T> type) {
        return SwingTree.named(app.window(), name, type);
    }

    private void screenshot(String file) throws Exception {
        onEdt(() -> {
            try {
                SwingTree.screenshot(app.window(), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void onEdt(Runnable r) throws Exception {
        SwingUtilities.invokeAndWait(r);
    }

    private static <T> T onEdtGet(java.util.function.Supplier<T> s) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> out.set(s.get()));
        return out.get();
    }

    /** The fake devices, with processing that is there (a recording processor) or missing (a sentence). */
    private static final class Processing implements AudioBackend {
        private final FakeAudio devices = new FakeAudio();
        private final Optional<String> unavailable;
        private final RecordingProcessor processor;

        Processing(Optional<String> unavailable, RecordingProcessor processor) {
            this.unavailable = unavailable;
            this.processor = processor;
        }

        @Override
        public List<String> microphones() {
            return devices.microphones();
        }

        @Override
        public List<String> speakers() {
            return devices.speakers();
        }

        @Override
        public AudioSource openMicrophone(Optional<String> name) throws IOException {
            return devices.openMicrophone(name);
        }

        @Override
        public AudioSink openSpeaker(Optional<String> name) {
            return devices.openSpeaker(name);
        }

        @Override
        public Optional<String> processingUnavailable() {
            return unavailable;
        }

        @Override
        public AudioProcessor openProcessor(AudioProcessing settings) {
            if (processor == null) {
                return AudioProcessor.NONE;
            }
            processor.openedWith = settings;
            return processor;
        }
    }

    /** Remembers how it was opened and switched. */
    private static final class RecordingProcessor implements AudioProcessor {
        volatile AudioProcessing openedWith;
        final List<AudioProcessing> configured = new CopyOnWriteArrayList<>();

        @Override
        public void farEnd(short[] frame, int delayMillis) {
        }

        @Override
        public void nearEnd(short[] frame) {
        }

        @Override
        public void configure(AudioProcessing settings) {
            configured.add(settings);
        }

        @Override
        public AudioProcessing settings() {
            return configured.isEmpty() ? openedWith : configured.get(configured.size() - 1);
        }

        @Override
        public AudioProcessorStats stats() {
            return AudioProcessorStats.NONE;
        }

        @Override
        public void close() {
        }
    }
}
