package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.ScreenChoice;
import dev.parley.client.ui.engine.StartFailure;
import dev.parley.client.ui.model.CallView;
import dev.parley.client.ui.model.CallViewModel;
import dev.parley.client.ui.model.EndNotice;
import dev.parley.client.ui.model.OwnVideoState;
import dev.parley.client.ui.model.StartViewModel;
import dev.parley.client.ui.model.StatsFormat;
import dev.parley.client.ui.profile.Preferences;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.domain.PeerId;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs the app: moves between the start and call screens, starts calls, switches devices, opens
 * cameras and screens, remembers verifications and preferences. Its own methods run on the event thread; everything that may block
 * goes to {@link AppServices#io()} and comes back with {@link SwingUtilities#invokeLater}.
 */
public final class SessionController implements StartScreen.Host, CallScreen.Host {
    private static final System.Logger LOG = System.getLogger(SessionController.class.getName());
    private static final int LEAVE_GRACE_MS = 2_000;
    private static final int EXIT_GRACE_MS = 2_000;

    private final AppServices services;
    private final StartScreen start;
    private final MainWindow window;
    private ThemeChoice theme;
    private List<String> microphones = List.of();
    private List<String> speakers = List.of();
    private List<String> cameras = List.of();
    private Optional<String> camera;
    private boolean preferencesFailureShown;

    // The current call, if any.
    private JoinRequest request;
    private CallViewModel vm;
    private CallScreen screen;
    private Optional<String> microphone = Optional.empty();
    private Optional<String> speaker = Optional.empty();
    private AudioProcessor processor = AudioProcessor.NONE;
    private boolean exitAfterCall;

    public SessionController(AppServices services) {
        this.services = services;
        Preferences prefs = services.preferences().get();
        this.theme = prefs.theme();
        this.camera = prefs.camera();
        this.start = new StartScreen(new StartViewModel(services.links(), new SecureRandom(), prefs), this);
        this.window = new MainWindow(start);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
    }

    /** Shows the window and starts listing devices. */
    public void open() {
        window.setVisible(true);
        refreshDevices();
    }

    public MainWindow window() {
        return window;
    }

    // ---- start screen ----

    @Override
    public void join(JoinRequest r) {
        start.setBusy(true);
        CallViewModel model = new CallViewModel(r.displayName(), services.contacts(), SwingUtilities::invokeLater,
                services.clock(), new StatsFormat(Locale.getDefault(Locale.Category.FORMAT)));
        model.relayPinned(r.link().pin());
        CallVideo video = new CallVideo(model);
        AudioProcessing processing = services.preferences().get().audioProcessing();
        background(() -> {
            AudioSource mic = null;
            AudioProcessor cleanUp = null;
            try {
                mic = openMicrophone(r.microphone());
                AudioSink sink = openSpeaker(r.speaker());
                // the first call loads the natives (about half a second), off the event thread
                Optional<String> unavailable = services.audio().processingUnavailable();
                cleanUp = services.audio().openProcessor(processing);
                AudioProcessor running = cleanUp;
                CallControl control = services.starter().start(r, mic, sink, running, video, model);
                SwingUtilities.invokeLater(() -> started(r, model, video, control, running, processing, unavailable));
            } catch (StartFailure f) {
                if (f.kind() == StartFailure.Kind.AUDIO_DEVICE && mic != null) {
                    mic.close();
                }
                closeQuietly(cleanUp);
                SwingUtilities.invokeLater(() -> startFailed(r, f));
            } catch (RuntimeException e) {
                closeQuietly(cleanUp);
                SwingUtilities.invokeLater(() -> startFailed(r,
                        new StartFailure(StartFailure.Kind.OTHER, "Parley could not start the call.", e)));
            }
        });
    }

    @Override
    public void relayUsed(String relayAddress) {
        remember(p -> p.withLastRelay(relayAddress));
    }

    private void started(JoinRequest r, CallViewModel model, CallVideo video, CallControl control,
                         AudioProcessor cleanUp, AudioProcessing processing, Optional<String> unavailable) {
        request = r;
        vm = model;
        microphone = r.microphone();
        speaker = r.speaker();
        processor = cleanUp;
        model.attach(control, services.starter().videoAvailable());
        model.audioProcessing(processing, unavailable);
        screen = new CallScreen(model, video, this);
        screen.setDevices(microphones, speakers, microphone, speaker);
        screen.setCameras(cameras, camera);
        screen.setPushToTalk(services.preferences().get().pushToTalk());
        window.showCall(screen);
        start.setBusy(false);
        // Last: addListener reports the current state at once, and the call may already be over
        // (a relay that refused us right after the start), which must find the call screen up.
        model.addListener(view -> watchForEnd(model, view));
        remember(p -> p.withLastName(r.displayName()).withMicrophone(r.microphone()).withSpeaker(r.speaker()));
        refreshDevices();
    }

    private void startFailed(JoinRequest r, StartFailure failure) {
        start.setBusy(false);
        EndNotice notice = EndNotice.forStartFailure(failure, r);
        boolean forward = FailureDialogs.show(window, notice, failure.getCause() != null ? failure.getCause() : failure);
        if (forward) {
            goForward(notice.action(), r);
        }
    }

    private void watchForEnd(CallViewModel model, CallView view) {
        if (model != vm || view.ended().isEmpty()) {
            return;
        }
        JoinRequest r = request;
        vm = null;
        screen = null;
        request = null;
        processor = AudioProcessor.NONE;
        window.showStart();
        if (exitAfterCall) {
            exit();
            return;
        }
        view.ended().get().notice().ifPresent(notice -> {
            if (FailureDialogs.show(window, notice, null)) {
                goForward(notice.action(), r);
            }
        });
    }

    private void goForward(EndNotice.WayForward action, JoinRequest r) {
        switch (action) {
            case TRY_AGAIN -> join(r);
            case CHECK_LINK -> start.focus(StartViewModel.Field.LINK, Optional.empty());
            case EDIT_TOKEN -> start.focus(StartViewModel.Field.TOKEN, Optional.empty());
            case CHOOSE_DEVICE -> start.focusDevices();
            case NONE -> { }
        }
    }

    // ---- call screen ----

    @Override
    public void microphoneChosen(Optional<String> device) {
        CallViewModel model = vm;
        Optional<String> previous = microphone;
        background(() -> {
            try {
                AudioSource source = openMicrophone(device);
                SwingUtilities.invokeLater(() -> {
                    if (model == vm) {
                        model.switchMicrophone(source);
                        microphone = device;
                        remember(p -> p.withMicrophone(device));
                    } else {
                        source.close();
                    }
                });
            } catch (StartFailure f) {
                SwingUtilities.invokeLater(() -> deviceFailed(f, () -> {
                    if (screen != null) {
                        screen.revertMicrophone(previous);
                    }
                }));
            }
        });
    }

    @Override
    public void speakerChosen(Optional<String> device) {
        CallViewModel model = vm;
        Optional<String> previous = speaker;
        background(() -> {
            try {
                AudioSink sink = openSpeaker(device);
                SwingUtilities.invokeLater(() -> {
                    if (model == vm) {
                        model.switchSpeaker(sink);
                        speaker = device;
                        remember(p -> p.withSpeaker(device));
                    } else {
                        sink.close();
                    }
                });
            } catch (StartFailure f) {
                SwingUtilities.invokeLater(() -> deviceFailed(f, () -> {
                    if (screen != null) {
                        screen.revertSpeaker(previous);
                    }
                }));
            }
        });
    }

    @Override
    public void cameraToggled() {
        CallViewModel model = vm;
        if (model == null) {
            return;
        }
        if (model.current().video().camera() != OwnVideoState.OFF) {
            model.stopVideo(VideoStreamKind.CAMERA);
            return;
        }
        Optional<String> device = camera;
        model.beginVideo(VideoStreamKind.CAMERA).ifPresent(ticket ->
                openVideo(model, VideoStreamKind.CAMERA, ticket, () -> services.video().openCamera(device), () -> { }));
    }

    @Override
    public void cameraChosen(Optional<String> device) {
        CallViewModel model = vm;
        Optional<String> previous = camera;
        camera = device;
        if (model == null || model.current().video().camera() == OwnVideoState.OFF) {
            remember(p -> p.withCamera(device));
            return;
        }
        // On: switch to it. The running camera goes on until the new one is open, and stays if it fails.
        model.beginVideo(VideoStreamKind.CAMERA).ifPresent(ticket -> openVideo(model, VideoStreamKind.CAMERA, ticket,
                () -> {
                    VideoSource source = services.video().openCamera(device);
                    remember(p -> p.withCamera(device));
                    return source;
                },
                () -> {
                    if (model == vm && camera.equals(device)) {
                        camera = previous;
                        if (screen != null) {
                            screen.revertCamera(previous);
                        }
                    }
                }));
    }

    @Override
    public void screenShareToggled() {
        CallViewModel model = vm;
        if (model == null) {
            return;
        }
        if (model.current().video().screen() != OwnVideoState.OFF) {
            model.stopVideo(VideoStreamKind.SCREEN);
            return;
        }
        model.beginVideo(VideoStreamKind.SCREEN).ifPresent(ticket -> background(() -> {
            List<ScreenChoice> found;
            try {
                found = services.video().screens();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not list the screens", e);
                found = List.of();
            }
            List<ScreenChoice> screens = found;
            SwingUtilities.invokeLater(() -> {
                if (screens.isEmpty()) {
                    model.videoFailed(VideoStreamKind.SCREEN, ticket, Optional.of("Parley found no screen to share."));
                } else if (screens.size() == 1) {
                    shareScreen(model, ticket, screens.get(0));
                } else if (model == vm && screen != null) {
                    screen.chooseScreen(screens, choice -> choice.ifPresentOrElse(
                            c -> shareScreen(model, ticket, c),
                            () -> model.videoFailed(VideoStreamKind.SCREEN, ticket, Optional.empty())));
                } else {
                    model.videoFailed(VideoStreamKind.SCREEN, ticket, Optional.empty());
                }
            });
        }));
    }

    private void shareScreen(CallViewModel model, long ticket, ScreenChoice choice) {
        openVideo(model, VideoStreamKind.SCREEN, ticket, () -> services.video().openScreen(choice.id()), () -> { });
    }

    /** What opens a camera or screen; may block, and says what went wrong in a sentence. */
    @FunctionalInterface
    private interface VideoOpener {
        VideoSource open() throws IOException;
    }

    /**
     * Opens a video source off the event thread and hands it to the view model, which sends it, or
     * closes it if the user changed their mind meanwhile. A failure becomes the notice line's
     * sentence, the button goes back, and {@code afterFailure} runs on the event thread.
     */
    private void openVideo(CallViewModel model, VideoStreamKind kind, long ticket, VideoOpener opener,
                           Runnable afterFailure) {
        background(() -> {
            try {
                VideoSource source = opener.open();
                SwingUtilities.invokeLater(() -> model.videoOpened(kind, ticket, source));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not open the " + (kind == VideoStreamKind.CAMERA ? "camera" : "screen"), e);
                String sentence = e instanceof IOException && e.getMessage() != null && !e.getMessage().isBlank()
                        ? e.getMessage()
                        : kind == VideoStreamKind.CAMERA ? "Parley could not open the camera."
                        : "Parley could not capture that screen.";
                SwingUtilities.invokeLater(() -> {
                    model.videoFailed(kind, ticket, Optional.of(sentence));
                    afterFailure.run();
                });
            }
        });
    }

    private void deviceFailed(StartFailure f, Runnable revert) {
        revert.run();
        FailureDialogs.show(window, new EndNotice("Audio device problem", f.getMessage(),
                "The call goes on with the device you had. Pick another one, or close other apps that use it.",
                EndNotice.WayForward.NONE), f.getCause());
    }

    @Override
    public void markVerified(PeerId peer) {
        CallViewModel model = vm;
        if (model == null) {
            return;
        }
        model.verificationSubject(peer).ifPresent(subject -> background(() -> {
            try {
                services.contacts().markVerified(subject.ed25519Pub(), subject.name());
                SwingUtilities.invokeLater(model::contactsChanged);
            } catch (IOException e) {
                SwingUtilities.invokeLater(() -> FailureDialogs.problem(window, "Verification not saved",
                        "Parley could not save that you verified " + subject.name() + ".", e));
            }
        }));
    }

    @Override
    public void removeVerification(PeerId peer) {
        CallViewModel model = vm;
        if (model == null) {
            return;
        }
        model.verificationSubject(peer).ifPresent(subject -> background(() -> {
            try {
                services.contacts().forget(subject.ed25519Pub());
                SwingUtilities.invokeLater(model::contactsChanged);
            } catch (IOException e) {
                SwingUtilities.invokeLater(() -> FailureDialogs.problem(window, "Change not saved",
                        "Parley could not remove the verification of " + subject.name() + ".", e));
            }
        }));
    }

    @Override
    public void leave() {
        CallViewModel model = vm;
        if (model == null) {
            return;
        }
        model.leave();
        // The engine confirms with CallEnded; should it not, the user must not be stuck in a dead call.
        Timer fallback = new Timer(LEAVE_GRACE_MS, e -> {
            if (model == vm) {
                LOG.log(Level.WARNING, "No CallEnded within {0} ms of leaving; returning to the start screen",
                        LEAVE_GRACE_MS);
                vm = null;
                screen = null;
                request = null;
                processor = AudioProcessor.NONE;
                window.showStart();
            }
        });
        fallback.setRepeats(false);
        fallback.start();
    }

    @Override
    public void pushToTalkChanged(boolean enabled) {
        remember(p -> p.withPushToTalk(enabled));
    }

    @Override
    public void audioProcessingChanged(AudioProcessing settings) {
        AudioProcessor running = processor;
        background(() -> running.configure(settings));
        remember(p -> p.withAudioProcessing(settings));
    }

    // ---- both screens ----

    @Override
    public void toggleTheme() {
        theme = theme.next();
        Themes.switchTo(theme);
        ThemeChoice chosen = theme;
        remember(p -> p.withTheme(chosen));
        start.themeChanged();
        if (screen != null) {
            screen.themeChanged();
        }
    }

    @Override
    public ThemeChoice theme() {
        return theme;
    }

    /** Window closed: leave the call cleanly first, but never hang on it. */
    private void close() {
        if (vm == null) {
            exit();
            return;
        }
        exitAfterCall = true;
        vm.leave();
        Timer grace = new Timer(LEAVE_GRACE_MS, e -> exit());
        grace.setRepeats(false);
        grace.start();
    }

    /**
     * Closes the window, lets a settings or contacts write that is under way finish (an interrupt
     * would abandon it: the choice just made would be forgotten), then ends the application. The
     * waiting happens off the event thread.
     */
    private void exit() {
        window.dispose();
        ExecutorService io = services.io();
        io.shutdown();
        Thread last = new Thread(() -> {
            try {
                if (!io.awaitTermination(EXIT_GRACE_MS, TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "Background work still running after {0} ms; exiting anyway", EXIT_GRACE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            io.shutdownNow();
            services.exit().run();
        }, "parley-exit");
        last.start();
    }

    // ---- helpers ----

    private void refreshDevices() {
        // Listing cameras can take seconds: on its own, so the sound devices need not wait for it.
        background(() -> {
            List<String> found;
            try {
                found = services.video().cameras();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not list cameras", e);
                return;
            }
            SwingUtilities.invokeLater(() -> {
                cameras = found;
                if (screen != null) {
                    screen.setCameras(found, camera);
                }
            });
        });
        background(() -> {
            List<String> mics;
            List<String> outs;
            try {
                mics = services.audio().microphones();
                outs = services.audio().speakers();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not list sound devices", e);
                return;
            }
            SwingUtilities.invokeLater(() -> {
                microphones = mics;
                speakers = outs;
                start.setDevices(mics, outs);
                if (screen != null) {
                    screen.setDevices(mics, outs, microphone, speaker);
                }
            });
        });
    }

    private AudioSource openMicrophone(Optional<String> device) throws StartFailure {
        try {
            return services.audio().openMicrophone(device);
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(StartFailure.Kind.AUDIO_DEVICE, deviceSentence("microphone", device, e), e);
        }
    }

    private AudioSink openSpeaker(Optional<String> device) throws StartFailure {
        try {
            return services.audio().openSpeaker(device);
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(StartFailure.Kind.AUDIO_DEVICE, deviceSentence("speaker", device, e), e);
        }
    }

    private static String deviceSentence(String what, Optional<String> device, Exception e) {
        if (e instanceof IOException && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return "Parley could not open the " + what + device.map(d -> " \u201c" + d + "\u201d").orElse("") + ".";
    }

    private void remember(UnaryOperator<Preferences> change) {
        background(() -> {
            try {
                services.preferences().update(change);
            } catch (IOException e) {
                SwingUtilities.invokeLater(() -> {
                    if (!preferencesFailureShown) {
                        preferencesFailureShown = true;
                        FailureDialogs.problem(window, "Settings not saved",
                                "Parley could not save your settings; they will be forgotten when you close it.", e);
                    } else {
                        LOG.log(Level.WARNING, "Could not save preferences", e);
                    }
                });
            }
        });
    }

    private static void closeQuietly(AudioProcessor cleanUp) {
        if (cleanUp != null) {
            cleanUp.close();
        }
    }

    private void background(Runnable task) {
        try {
            services.io().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Shutting down; a background task was dropped");
        }
    }
}
