package dev.parley.client.video.screen;

import java.io.IOException;

/** Run in a headless JVM by {@link ScreenCaptureSourceTest}: prints what a user would read. */
public final class HeadlessScreenProbe {
    private HeadlessScreenProbe() {
    }

    public static void main(String[] args) {
        try {
            Screens.list();
            System.out.println("listed");
        } catch (IOException e) {
            System.out.println("list: " + e.getMessage());
        }
        try {
            ScreenCaptureSource.open(new Screen(":0.0", 1, 0, 0, 1600, 1000)).close();
            System.out.println("opened");
        } catch (IOException e) {
            System.out.println("open: " + e.getMessage());
        }
    }
}
