package dev.parley.client.video.screen;

import dev.parley.client.video.ImageFitter;
import dev.parley.common.video.FrameClock;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.HeadlessException;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * A screen share: pictures of one {@link Screen} taken with {@link Robot#createScreenCapture},
 * the mouse pointer drawn in when it is on that screen, scaled to fit 1280x720 (or a given limit)
 * with the aspect kept and even sides, paced at a few frames a second (8 by default) on a
 * {@link FrameClock}. A screen whose resolution changes keeps being shared at its new size; one
 * that is unplugged ends the share with an {@link IOException} saying so.
 *
 * <p>{@link #next()} from one thread (the stream's send thread); {@link #close()} from any.
 */
public final class ScreenCaptureSource implements VideoSource {
    public static final int DEFAULT_FRAME_RATE = 8;

    static final String NOT_ALLOWED = "Parley is not allowed to capture the screen. On macOS, allow it under"
            + " System Settings > Privacy & Security > Screen Recording, then start the share again.";
    static final String NO_CAPTURE = "This desktop does not let programs capture the screen.";
    static final String SCREEN_GONE = "The shared screen is no longer connected.";
    static final String CAPTURE_FAILED = "The screen could not be captured; the share has stopped.";

    private final Screen screen;
    private final Robot robot;
    private final FrameClock clock;
    private final ImageFitter fitter;

    private ScreenCaptureSource(Screen screen, Robot robot, int frameRate, int maxWidth, int maxHeight) {
        this.screen = screen;
        this.robot = robot;
        this.clock = new FrameClock(frameRate);
        this.fitter = new ImageFitter(maxWidth, maxHeight);
    }

    /** Shares {@code screen} at {@value #DEFAULT_FRAME_RATE} fps, at most 1280x720. */
    public static ScreenCaptureSource open(Screen screen) throws IOException {
        return open(screen, DEFAULT_FRAME_RATE);
    }

    /** Shares {@code screen} at {@code frameRate} fps (5-10 suits a share), at most 1280x720. */
    public static ScreenCaptureSource open(Screen screen, int frameRate) throws IOException {
        return open(screen, frameRate, VideoSettings.SCREEN_WIDTH, VideoSettings.SCREEN_HEIGHT);
    }

    /**
     * Shares {@code screen} at {@code frameRate} fps (1..60), scaled to at most {@code maxWidth x maxHeight}.
     *
     * @throws IOException when there is no display, the screen is gone, or the desktop refuses
     *                     screen capture; the message is a sentence for the user
     */
    public static ScreenCaptureSource open(Screen screen, int frameRate, int maxWidth, int maxHeight) throws IOException {
        GraphicsDevice device = Screens.device(screen).orElseThrow(() -> new IOException(SCREEN_GONE));
        try {
            return new ScreenCaptureSource(screen, new Robot(device), frameRate, maxWidth, maxHeight);
        } catch (AWTException e) {
            throw new IOException(NO_CAPTURE, e);
        } catch (HeadlessException e) {
            throw new IOException(Screens.NO_DISPLAY, e);
        } catch (SecurityException e) {
            throw new IOException(NOT_ALLOWED, e);
        }
    }

    /** The screen being shared, as it was when the share started. */
    public Screen screen() {
        return screen;
    }

    @Override
    public VideoStreamKind kind() {
        return VideoStreamKind.SCREEN;
    }

    @Override
    public int frameRate() {
        return clock.frameRate();
    }

    @Override
    public Picture next() throws IOException, InterruptedException {
        if (clock.await() < 0) {
            return null;
        }
        GraphicsDevice device = Screens.device(screen).orElseThrow(() -> new IOException(SCREEN_GONE));
        BufferedImage shot;
        Rectangle bounds;
        try {
            bounds = device.getDefaultConfiguration().getBounds();
            shot = robot.createScreenCapture(bounds);
        } catch (SecurityException e) {
            throw new IOException(NOT_ALLOWED, e);
        } catch (RuntimeException e) {
            throw new IOException(CAPTURE_FAILED, e);
        }
        drawPointer(shot, device, bounds);
        return fitter.toPicture(shot);
    }

    private static void drawPointer(BufferedImage shot, GraphicsDevice device, Rectangle bounds) {
        PointerInfo pointer;
        try {
            pointer = MouseInfo.getPointerInfo();
        } catch (RuntimeException e) {
            return; // no mouse, or not allowed to ask: share without the pointer
        }
        if (pointer == null || pointer.getDevice() == null
                || !pointer.getDevice().getIDstring().equals(device.getIDstring())) {
            return;
        }
        Point at = pointer.getLocation();
        PointerArrow.draw(shot, at.x - bounds.x, at.y - bounds.y);
    }

    @Override
    public void close() {
        clock.close();
    }
}
