package dev.parley.client.ui;

import dev.parley.client.ui.engine.AudioBackend;
import dev.parley.client.ui.engine.CallLauncher;
import dev.parley.client.video.codec.NativeVideoCodecs;
import dev.parley.client.ui.engine.DeviceVideoBackend;
import dev.parley.client.ui.engine.ProtocolRoomLinks;
import dev.parley.client.ui.engine.JavaSoundBackend;
import dev.parley.client.ui.engine.VideoBackend;
import dev.parley.client.ui.profile.PreferencesStore;
import dev.parley.client.ui.profile.ProfileDirectory;
import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.swing.AppServices;
import dev.parley.client.ui.swing.FailureDialogs;
import dev.parley.client.ui.swing.LogSetup;
import dev.parley.client.ui.swing.SessionController;
import dev.parley.client.ui.swing.SystemThemeProbe;
import dev.parley.client.ui.swing.Themes;

import javax.swing.SwingUtilities;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The desktop app's composition root: builds the real services and opens the window. */
public final class ParleyApp {
    private static final System.Logger LOG = System.getLogger(ParleyApp.class.getName());
    private static final AtomicBoolean SHOWING_PROBLEM = new AtomicBoolean();

    private ParleyApp() {
    }

    /** Starts the UI; returns once the window is being built on the event thread. */
    public static void launch() {
        launch(new JavaSoundBackend(), new DeviceVideoBackend(), () -> System.exit(0));
    }

    /** {@link #launch(AudioBackend, VideoBackend, Runnable)} with the real cameras and screens. */
    public static CompletableFuture<SessionController> launch(AudioBackend audio, Runnable exit) {
        return launch(audio, new DeviceVideoBackend(), exit);
    }

    /**
     * Starts the UI with the real services, except for the sound and video devices and what happens
     * once the window is gone: the end-to-end tests feed a known microphone signal and stay in their JVM.
     * The profile directory is {@link ProfileDirectory#resolve()}'s, so {@code parley.home} moves it.
     *
     * @return completes on the event thread once the window is open
     */
    public static CompletableFuture<SessionController> launch(AudioBackend audio, VideoBackend video, Runnable exit) {
        // Read by AWT at start-up: the macOS title bar follows the system's light or dark look.
        System.setProperty("apple.awt.application.appearance", "system");
        ProfileDirectory profile = ProfileDirectory.resolve();
        LogSetup.toProfile(profile);
        PreferencesStore preferences = PreferencesStore.load(profile);
        Optional<Boolean> systemDark = new SystemThemeProbe().prefersDark();
        VerifiedContacts contacts;
        Optional<IOException> contactsProblem = Optional.empty();
        try {
            contacts = VerifiedContacts.load(profile);
        } catch (IOException e) {
            // Never overwrite a list we could not read: later verifications go to a side file.
            contacts = VerifiedContacts.empty(profile.file(VerifiedContacts.FILE_NAME + ".new"), Clock.systemUTC());
            contactsProblem = Optional.of(e);
        }
        // VP8 through the bundled FFmpeg natives, JPEG where they cannot load
        AppServices services = new AppServices(preferences, contacts, audio, video,
                new CallLauncher(profile, NativeVideoCodecs.shared()), new ProtocolRoomLinks(), Executors.newCachedThreadPool(daemons()),
                Clock.systemUTC(), exit);
        Optional<IOException> problem = contactsProblem;
        CompletableFuture<SessionController> opened = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> {
            try {
                Themes.install(preferences.get().theme(), systemDark);
                Thread.setDefaultUncaughtExceptionHandler(ParleyApp::uncaught);
                SessionController app = new SessionController(services);
                app.open();
                // Before the dialog below, which is modal and would hold this up until it is closed.
                opened.complete(app);
                problem.ifPresent(e -> FailureDialogs.problem(app.window(), "Verified contacts unreadable",
                        "Parley could not read the list of people you verified, so everyone shows as not verified."
                                + " The list itself was left untouched.", e));
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
                throw e;
            }
        });
        return opened;
    }

    /** A bug must not leave a frozen window or a stack trace on screen: log it, say so once. */
    private static void uncaught(Thread thread, Throwable e) {
        LOG.log(Level.ERROR, "Uncaught exception in " + thread.getName(), e);
        if (SHOWING_PROBLEM.compareAndSet(false, true)) {
            SwingUtilities.invokeLater(() -> {
                try {
                    FailureDialogs.problem(null, "Something went wrong",
                            "Parley ran into a problem it did not expect. If a call is running, it goes on if it can.", e);
                } finally {
                    SHOWING_PROBLEM.set(false);
                }
            });
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "parley-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
