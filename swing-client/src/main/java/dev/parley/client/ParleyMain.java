package dev.parley.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of {@code parley-client.jar}: no arguments (a double-click) opens the desktop app;
 * {@code --headless ...} runs the command-line participant. Touches no AWT class on the headless path,
 * so that mode works without a display.
 */
public final class ParleyMain {
    static final String HEADLESS_FLAG = "--headless";
    static final String HEADLESS_MAIN = "dev.parley.client.cli.HeadlessMain";

    private ParleyMain() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains(HEADLESS_FLAG)) {
            System.exit(runHeadless(args));
        }
        if (args.length > 0) {
            System.err.println("Usage: java -jar parley-client.jar            (desktop app)");
            System.err.println("       java -jar parley-client.jar --headless --link LINK --name NAME [options]");
            System.exit(2);
        }
        dev.parley.client.ui.ParleyApp.launch();
    }

    /**
     * Runs {@code HeadlessMain.main(args)} when it is on the class path (it lives with the headless
     * client); reflection keeps this class free of a compile-time link to it.
     *
     * @return the exit status when the headless client returns normally (it usually exits itself)
     */
    public static int runHeadless(String[] args) throws Exception {
        Method main;
        try {
            main = Class.forName(HEADLESS_MAIN).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("headless mode is not available yet");
            return 2;
        }
        try {
            main.invoke(null, (Object) args);
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }
}
