package dev.parley.client.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the {@link VirtualAudio} server as the test run begins, before any test can touch Java
 * Sound: ALSA decides once per process whether its {@code default} device goes to PulseAudio, by
 * whether PulseAudio runs at that moment. Costs about 0.1 s; the devices warm up in the background.
 * Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class VirtualAudioSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        VirtualAudio.launch();
    }
}
