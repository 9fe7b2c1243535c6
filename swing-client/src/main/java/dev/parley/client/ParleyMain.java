package dev.parley.client;

import dev.parley.client.cli.HeadlessMain;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Main class of {@code parley-client.jar}: no arguments (a double-click) opens the desktop app;
 * {@code --headless ...} runs the command-line participant. Touches no AWT class on the headless path,
 * so that mode works without a display. Started from the jar, it first restarts itself in a JVM tuned
 * for a call ({@link TunedJvm}).
 */
public final class ParleyMain {
    static final String HEADLESS_FLAG = "--headless";

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
        if (args.length > 0) {
            System.err.println("Usage: java -jar parley-client.jar            (desktop app)");
            System.err.println("       java -jar parley-client.jar --headless --link LINK --name NAME [options]");
            System.exit(2);
        }
        dev.parley.client.ui.ParleyApp.launch();
    }
}
