package dev.parley.client;

import dev.parley.client.TunedJvm.ThisJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class TunedJvmTest {
    private static final Path JAR = Path.of("/opt/parley/parley-client.jar");
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    private static ThisJvm startedAs(List<String> options, String classPath, Map<String, String> env, boolean relaunched) {
        return new ThisJvm(Optional.empty(), JAVA_HOME, options, classPath, Optional.of(JAR), env, relaunched);
    }

    @Test
    void theJarRestartsWithTheClientCompilerOnlyKeepingOptionsAndArguments() {
        Optional<List<String>> command = TunedJvm.command(
                startedAs(List.of("-Xmx256m", "-Dparley.home=/tmp/p"), JAR.toString(), Map.of(), false),
                List.of("--headless", "--name", "Bot"));

        assertThat(command).isPresent();
        assertThat(command.get().get(0)).startsWith(JAVA_HOME.toString()).contains("java");
        assertThat(command.get().subList(1, command.get().size())).containsExactly("-Xmx256m", "-Dparley.home=/tmp/p",
                "-XX:TieredStopAtLevel=1", "-Dparley.relaunched=true", "-jar", JAR.toString(), "--headless", "--name", "Bot");
    }

    @Test
    void noRestartWhenAlreadyTunedOptedOutChosenByTheUserOrNotRunFromTheJar() {
        List<String> args = List.of();
        assertThat(TunedJvm.command(startedAs(List.of(), JAR.toString(), Map.of(), true), args)).isEmpty();
        assertThat(TunedJvm.command(startedAs(List.of(), JAR.toString(), Map.of("PARLEY_TUNED_JVM", "0"), false), args))
                .isEmpty();
        for (String own : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint",
                "-agentlib:jdwp=transport=dt_socket,server=y", "-javaagent:/x/profiler.jar")) {
            assertThat(TunedJvm.command(startedAs(List.of(own), JAR.toString(), Map.of(), false), args)).as(own).isEmpty();
        }
        // an IDE's or a test runner's class path
        assertThat(TunedJvm.command(startedAs(List.of(), "/p/classes" + java.io.File.pathSeparator + JAR, Map.of(), false),
                args)).isEmpty();
        assertThat(TunedJvm.command(startedAs(List.of(), "/tmp/surefirebooter1.jar", Map.of(), false), args)).isEmpty();
    }

    /** The real thing: a jar of the launcher's classes, started as a user would, reports the JVM it ran in. */
    @Test
    void aStartedJarRunsInTheTunedJvmAndPassesOnOutputAndExitCode(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("parley-client.jar");
        writeLauncherJar(jar);

        Result tuned = run(jar, Map.of(), "--version");
        assertThat(tuned.code()).isZero();
        assertThat(tuned.out()).contains("client compiler only (tuned for calls)");

        Result untuned = run(jar, Map.of("PARLEY_TUNED_JVM", "0"), "--version");
        assertThat(untuned.out()).contains("client and server compilers");

        Result usage = run(jar, Map.of(), "--no-such-option");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).startsWith("Usage: java -jar parley-client.jar");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Path jar, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(JAVA_HOME.resolve("bin").resolve("java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PARLEY_TUNED_JVM");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(jar.getParent(), "out", ".txt");
        Path err = Files.createTempFile(jar.getParent(), "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the jar exits").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void writeLauncherJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ParleyMain.class.getName());
        Path classes = Path.of(ParleyMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var files = Files.list(classes.resolve("dev/parley/client"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("ParleyMain") || name.startsWith("TunedJvm")) {
                    out.putNextEntry(new JarEntry("dev/parley/client/" + name));
                    Files.copy(file, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
    }
}
