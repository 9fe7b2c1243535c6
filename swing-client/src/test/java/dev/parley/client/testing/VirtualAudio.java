package dev.parley.client.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private PulseAudio with a virtual microphone and speaker, one per test JVM, that Java Sound
 * uses for real: bit-exact and paced in real time.
 *
 * <p>Java Sound reaches PulseAudio through ALSA, which reads the server's address from the
 * {@code PULSE_SERVER} environment variable of the JVM process: a running JVM cannot set it. So
 * the build sets it (see the surefire configuration in {@code swing-client/pom.xml}), together
 * with the system property {@value #DIRECTORY_PROPERTY} naming where the server lives and
 * {@value #SCRIPT_PROPERTY} naming {@code src/test/scripts/virtual-audio.sh}, which this class
 * runs. {@link VirtualAudioSession} starts the server before any test touches Java Sound.
 * Alternatively run the script by hand and export {@code PULSE_SERVER} before the JVM starts.
 *
 * <p>Tests get the running instance through {@link VirtualAudioExtension}. Devices:
 * <ul>
 *   <li>the microphone is PulseAudio's default source {@code mic}; {@link #playIntoMicrophone} speaks into it,</li>
 *   <li>the speaker is the default sink {@code spk}; {@link #recordSpeaker} records it.</li>
 * </ul>
 */
public final class VirtualAudio {
    /** System property: the directory the server lives in; its socket is {@code native} inside. */
    public static final String DIRECTORY_PROPERTY = "parley.virtualAudio.dir";
    /** System property: the path of {@code virtual-audio.sh}. */
    public static final String SCRIPT_PROPERTY = "parley.virtualAudio.script";

    private static final List<String> TOOLS = List.of("pulseaudio", "pactl", "paplay", "parecord");
    /** The speaker's monitor: what the speaker plays, as a source. */
    public static final String SPEAKER_MONITOR = "spk.monitor";
    /** The microphone, the default source. */
    public static final String MICROPHONE = "mic";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static VirtualAudio instance;
    private static String unavailable;

    private final String server;
    private final Process script;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private VirtualAudio(String server, Process script) {
        this.server = server;
        this.script = script;
    }

    /**
     * Starts the server in the background when this JVM is configured for it, and returns once it
     * accepts clients (about 0.1 s). Does nothing when it has run before.
     */
    static synchronized void launch() {
        if (instance != null || unavailable != null) {
            return;
        }
        VirtualAudio created = null;
        try {
            created = create();
            await(created.started, START_TIMEOUT, "start");
            instance = created;
        } catch (UnavailableException e) {
            unavailable = e.getMessage();
            if (created != null) {
                created.stop();
            }
        }
    }

    /**
     * The running virtual devices, once they deliver sound (about 2 s after the start).
     *
     * @throws UnavailableException saying why there are none in this JVM
     */
    static synchronized VirtualAudio ready() throws UnavailableException {
        launch();
        if (instance == null) {
            throw new UnavailableException(unavailable);
        }
        try {
            await(instance.ready, READY_TIMEOUT, "deliver sound");
        } catch (UnavailableException e) {
            unavailable = e.getMessage();
            instance.stop();
            instance = null;
            throw e;
        }
        return instance;
    }

    /** The address clients use, like {@code unix:/.../native}. */
    public String server() {
        return server;
    }

    /** Plays a WAV file into the microphone; the returned process ends when the file has been played. */
    public Process playIntoMicrophone(Path wav) throws IOException {
        return command("paplay", "-d", "micfeed", wav.toString()).start();
    }

    /** Starts recording what the speaker plays. */
    public SpeakerRecording recordSpeaker() throws IOException {
        Process parecord = command("parecord", "--raw", "-d", SPEAKER_MONITOR, "--rate=48000", "--channels=1",
                "--format=s16le", "--latency-msec=10").start();
        return new SpeakerRecording(parecord);
    }

    /**
     * Makes the speaker's sound the default microphone for lines opened until {@link AutoCloseable#close}:
     * a loop from speaker to microphone without any added delay.
     */
    public AutoCloseable loopSpeakerIntoMicrophone() throws IOException {
        // PulseAudio 16 moves clients' recordings of the old default source to the new one, both
        // ways; virtual-audio.sh's low-latency loopbacks are pinned and stay
        pactl("set-default-source", SPEAKER_MONITOR);
        return () -> pactl("set-default-source", MICROPHONE);
    }

    /** The ids of the recordings (source outputs) that record {@code source} now. */
    public List<String> recordingsOf(String source) throws IOException {
        String index = pactl("list", "sources", "short").lines().map(l -> l.split("\t"))
                .filter(f -> f.length > 1 && f[1].equals(source)).map(f -> f[0]).findFirst()
                .orElseThrow(() -> new IOException("no source " + source));
        return pactl("list", "source-outputs", "short").lines().map(l -> l.split("\t"))
                .filter(f -> f.length > 1 && f[1].equals(index)).map(f -> f[0]).toList();
    }

    /** Runs {@code pactl} against this server and returns what it printed. */
    public String pactl(String... arguments) throws IOException {
        List<String> commandLine = new ArrayList<>(List.of("pactl"));
        commandLine.addAll(List.of(arguments));
        Process pactl = command(commandLine.toArray(String[]::new)).redirectErrorStream(true).start();
        try (InputStream out = pactl.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!pactl.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || pactl.exitValue() != 0) {
                throw new IOException(String.join(" ", commandLine) + " failed: " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            pactl.destroy();
        }
    }

    private ProcessBuilder command(String... commandLine) {
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PULSE_SERVER", server);
        return builder;
    }

    private static VirtualAudio create() throws UnavailableException {
        String server = System.getenv("PULSE_SERVER");
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        String script = System.getProperty(SCRIPT_PROPERTY);
        List<String> missing = TOOLS.stream().filter(tool -> !onPath(tool)).toList();
        if (!missing.isEmpty()) {
            throw new UnavailableException("PulseAudio is not installed (missing " + String.join(", ", missing)
                    + "); on Debian: apt-get install --no-install-recommends pulseaudio pulseaudio-utils"
                    + " libasound2-plugins alsa-utils");
        }
        if (directory == null || script == null) {
            if (server == null) {
                throw new UnavailableException("this JVM was not started for virtual audio: run the tests"
                        + " through Maven (swing-client/pom.xml sets PULSE_SERVER and " + DIRECTORY_PROPERTY
                        + "), or run src/test/scripts/virtual-audio.sh and export PULSE_SERVER before the JVM starts");
            }
            VirtualAudio external = new VirtualAudio(server, null);
            external.requireDevicesOf(server);
            external.started.complete(null);
            external.ready.complete(null);
            return external;
        }
        Path dir = Path.of(directory).toAbsolutePath();
        String expected = "unix:" + dir.resolve("native");
        if (!expected.equals(server)) {
            throw new UnavailableException("PULSE_SERVER is " + server + " but must be " + expected
                    + " before the JVM starts, or Java Sound cannot reach the virtual devices");
        }
        return startScript(expected, dir, Path.of(script));
    }

    private static VirtualAudio startScript(String server, Path dir, Path script) throws UnavailableException {
        Process process;
        Path errors = dir.resolve("virtual-audio.err");
        try {
            Files.createDirectories(dir);
            // Our end of its standard input stays open while this JVM lives: its closing stops the server.
            process = new ProcessBuilder("bash", script.toString(), dir.toString())
                    .redirectError(errors.toFile())
                    .start();
        } catch (IOException e) {
            throw new UnavailableException("cannot run " + script + ": " + e.getMessage());
        }
        VirtualAudio audio = new VirtualAudio(server, process);
        Thread watcher = new Thread(() -> audio.watch(errors), "virtual-audio");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(audio::stop, "virtual-audio-stop"));
        return audio;
    }

    /** Follows the script's progress lines until it exits. */
    private void watch(Path errors) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                switch (line) {
                    case "started" -> started.complete(null);
                    case "ready" -> ready.complete(null);
                    default -> { }
                }
            }
        } catch (IOException ignored) {
            // the script went away; reported below
        }
        String why = readQuietly(errors);
        UnavailableException ended = new UnavailableException("virtual-audio.sh ended"
                + (why.isBlank() ? "" : ": " + why.strip()));
        started.completeExceptionally(ended);
        ready.completeExceptionally(ended);
    }

    private void requireDevicesOf(String server) throws UnavailableException {
        try {
            String sinks = pactl("list", "short", "sinks");
            if (!sinks.contains("micfeed") || !sinks.contains("spk")) {
                throw new UnavailableException("the PulseAudio at " + server + " has no sinks micfeed and spk:"
                        + " it is not the one virtual-audio.sh runs");
            }
        } catch (IOException e) {
            throw new UnavailableException("no PulseAudio answers at PULSE_SERVER=" + server + ": " + e.getMessage());
        }
    }

    private void stop() {
        if (script == null) {
            return;
        }
        try (OutputStream in = script.getOutputStream()) {
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!script.waitFor(10, TimeUnit.SECONDS)) {
                script.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CompletableFuture<Void> step, Duration timeout, String what) throws UnavailableException {
        try {
            step.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (UnavailableException) e.getCause();
        } catch (TimeoutException e) {
            throw new UnavailableException("the virtual PulseAudio did not " + what + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the virtual PulseAudio");
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Why this JVM has no virtual audio. */
    public static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }
}
