package dev.parley.client;

import dev.parley.client.cli.HeadlessMain;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Main class of {@code parley-client.jar}: no arguments (a double-click) opens the desktop app;
 * {@code --headless ...} runs the command-line participant. Touches no AWT class on the headless path,
 * so that mode works without a display. Started from the jar, it first restarts itself in a JVM tuned
 * for a call ({@link TunedJvm}).
 */
public final class ParleyMain {
    static final String HEADLESS_FLAG = "--headless";
    static final String VERSION_FLAG = "--version";

    private ParleyMain() {
    }

    public static void main(String[] args) {
        OptionalInt tuned = TunedJvm.relaunch(args);
        if (tuned.isPresent()) {
            System.exit(tuned.getAsInt());
        }
        if (Arrays.asList(args).contains(HEADLESS_FLAG)) {
            HeadlessMain.main(args);
            return;
        }
        if (args.length == 1 && args[0].equals(VERSION_FLAG)) {
            System.out.println(version());
            return;
        }
        if (args.length > 0) {
            System.err.println("Usage: java -jar parley-client.jar            (desktop app)");
            System.err.println("       java -jar parley-client.jar --headless --link LINK --name NAME [options]");
            System.err.println("       java -jar parley-client.jar --version");
            System.exit(2);
        }
        dev.parley.client.ui.ParleyApp.launch();
    }

    /** This build and the JVM it runs in, for bug reports: e.g. whether the JVM is the one tuned for calls. */
    static String version() {
        String build = Optional.ofNullable(ParleyMain.class.getPackage().getImplementationVersion()).orElse("(development build)");
        boolean c1Only = ManagementFactory.getRuntimeMXBean().getInputArguments().contains(TunedJvm.C1_ONLY);
        return "Parley " + build + " on Java " + Runtime.version() + ", "
                + (c1Only ? "client compiler only (tuned for calls)" : "client and server compilers");
    }
}
