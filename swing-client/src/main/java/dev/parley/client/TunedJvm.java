package dev.parley.client;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the client in a JVM with the options a call wants, which a jar's manifest cannot set: when
 * {@code parley-client.jar} was started without them, it starts itself again once with them and
 * passes on its arguments, standard streams, exit code and termination.
 *
 * <p>The option is {@value #C1_ONLY}: only the client compiler. The server compiler (C2) spent the
 * first minute of a call compiling the Opus codec (10 points of a core listening, 22 talking, in
 * CpuBenchmark) and made it no faster than C1 does. Whoever sets any JIT option of their own, or
 * {@value #OPT_OUT_ENV}{@code =0}, or runs the classes from anywhere but the jar (tests, an IDE)
 * gets no relaunch.
 */
final class TunedJvm {
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    static final String OPT_OUT_ENV = "PARLEY_TUNED_JVM";
    /** Set on the child, so that it never relaunches again. */
    static final String RELAUNCHED_PROPERTY = "parley.relaunched";
    /**
     * Options that mean someone chose how this JVM runs: their own JIT settings, or an agent (a
     * debugger or profiler attached to this process, which a child would not have or would clash with).
     */
    private static final List<String> HANDS_OFF = List.of("-XX:TieredStopAtLevel", "-XX:-TieredCompilation",
            "-XX:+TieredCompilation", "-Xint", "-Xcomp", "-XX:CompilationMode", "-agentlib", "-agentpath",
            "-javaagent", "-Xdebug", "-Xrunjdwp");
    /** How long a child gets to leave its call cleanly when this process is asked to stop. */
    private static final long CHILD_EXIT_SECONDS = 8;

    private TunedJvm() {
    }

    /**
     * How this JVM was started.
     *
     * @param launcher   the executable that started it ({@code javaw} after a double-click on Windows), when known
     * @param javaHome   its home, whose {@code bin/java} serves when the launcher is unknown
     * @param options    the JVM options it was started with
     * @param classPath  its class path
     * @param ownJar     where this class was loaded from
     * @param env        the environment
     * @param relaunched whether it is already the tuned one
     */
    record ThisJvm(Optional<String> launcher, Path javaHome, List<String> options, String classPath,
                   Optional<Path> ownJar, Map<String, String> env, boolean relaunched) {
        static ThisJvm current() {
            return new ThisJvm(ProcessHandle.current().info().command(), Path.of(System.getProperty("java.home")),
                    ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path", ""),
                    loadedFrom(), System.getenv(), Boolean.getBoolean(RELAUNCHED_PROPERTY));
        }

        /** Only "java -jar parley-client.jar": not an IDE, nor a test runner's class-path jar. */
        boolean startedAsOwnJar() {
            return ownJar.filter(jar -> jar.toString().endsWith(".jar") && !classPath.isEmpty()
                    && !classPath.contains(File.pathSeparator)
                    && Path.of(classPath).toAbsolutePath().normalize().equals(jar.toAbsolutePath().normalize()))
                    .isPresent();
        }
    }

    /** The command line that restarts this jar tuned, or empty when this JVM should simply go on. */
    static Optional<List<String>> command(ThisJvm jvm, List<String> args) {
        if (jvm.relaunched() || "0".equals(jvm.env().get(OPT_OUT_ENV)) || !jvm.startedAsOwnJar()
                || jvm.options().stream().anyMatch(o -> HANDS_OFF.stream().anyMatch(o::startsWith))) {
            return Optional.empty();
        }
        Optional<String> java = jvm.launcher().filter(l -> Files.isExecutable(Path.of(l)))
                .or(() -> java(jvm.javaHome()));
        if (java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(jvm.options());
        command.add(C1_ONLY);
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.add("-jar");
        command.add(jvm.ownJar().orElseThrow().toString());
        command.addAll(args);
        return Optional.of(command);
    }

    /**
     * Restarts this jar tuned when it should, waits for the child and returns its exit code; empty
     * when this JVM should run the client itself (also when the restart cannot start).
     */
    static OptionalInt relaunch(String[] args) {
        Optional<List<String>> command = command(ThisJvm.current(), List.of(args));
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException e) {
            return OptionalInt.empty(); // run untuned rather than not at all
        }
        Thread stopChild = new Thread(() -> {
            child.destroy(); // SIGTERM: the child's own hook leaves the call
            try {
                child.waitFor(CHILD_EXIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            child.destroyForcibly();
        }, "parley-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            int code = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return OptionalInt.of(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        } catch (IllegalStateException shuttingDown) {
            return OptionalInt.of(1);
        }
    }

    private static Optional<Path> loadedFrom() {
        try {
            CodeSource source = TunedJvm.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> java(Path javaHome) {
        for (String name : List.of("java", "java.exe")) {
            Path candidate = javaHome.resolve("bin").resolve(name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
