package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.StartFailure;
import dev.parley.client.ui.model.CallView;
import dev.parley.client.ui.model.CallViewModel;
import dev.parley.client.ui.model.EndNotice;
import dev.parley.client.ui.model.StartViewModel;
import dev.parley.client.ui.model.StatsFormat;
import dev.parley.client.ui.profile.Preferences;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallControl;
import dev.parley.common.domain.PeerId;

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
 * Runs the app: moves between the start and call screens, starts calls, switches devices, remembers
 * verifications and preferences. Its own methods run on the event thread; everything that may block
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
    private boolean preferencesFailureShown;

    // The current call, if any.
    private JoinRequest request;
    private CallViewModel vm;
    private CallScreen screen;
    private Optional<String> microphone = Optional.empty();
    private Optional<String> speaker = Optional.empty();
    private boolean exitAfterCall;

    public SessionController(AppServices services) {
        this.services = services;
        Preferences prefs = services.preferences().get();
        this.theme = prefs.theme();
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
        background(() -> {
            AudioSource mic = null;
            try {
                mic = openMicrophone(r.microphone());
                AudioSink sink = openSpeaker(r.speaker());
                CallControl control = services.starter().start(r, mic, sink, model);
                SwingUtilities.invokeLater(() -> started(r, model, control));
            } catch (StartFailure f) {
                if (f.kind() == StartFailure.Kind.AUDIO_DEVICE && mic != null) {
                    mic.close();
                }
                SwingUtilities.invokeLater(() -> startFailed(r, f));
            } catch (RuntimeException e) {
                SwingUtilities.invokeLater(() -> startFailed(r,
                        new StartFailure(StartFailure.Kind.OTHER, "Parley could not start the call.", e)));
            }
        });
    }

    @Override
    public void relayUsed(String relayAddress) {
        remember(p -> p.withLastRelay(relayAddress));
    }

    private void started(JoinRequest r, CallViewModel model, CallControl control) {
        request = r;
        vm = model;
        microphone = r.microphone();
        speaker = r.speaker();
        model.attach(control);
        screen = new CallScreen(model, this);
        screen.setDevices(microphones, speakers, microphone, speaker);
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

    private void background(Runnable task) {
        try {
            services.io().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Shutting down; a background task was dropped");
        }
    }
}
