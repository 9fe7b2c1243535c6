package dev.parley.client.video.camera;

import com.github.sarxos.webcam.WebcamLockException;

import java.util.Locale;

/** Turns what webcam-capture and its natives throw into sentences for the user. */
final class CameraFailures {
    static final String LIBV4L2 = "Video needs the system library libv4l2 (Debian/Ubuntu: sudo apt install libv4l-0).";
    static final String NO_DRIVER = "The camera driver could not be loaded on this computer.";
    static final String BUSY = "The camera is in use by another program.";
    static final String LIST_TIMEOUT = "The cameras did not answer in time. Try again, or unplug the camera and plug it in again.";
    static final String OPEN_TIMEOUT = "The camera did not start in time. Try again, or unplug the camera and plug it in again.";
    static final String STOPPED = "The camera stopped sending pictures.";
    static final String FAILED = "The camera stopped working.";

    private CameraFailures() {
    }

    /** Why listing the cameras failed. */
    static String whyListingFailed(Throwable failure) {
        return nativeLoadFailure(failure) ? missingLibrary() : NO_DRIVER;
    }

    /** Why opening a camera failed. */
    static String whyOpeningFailed(String name, Throwable failure) {
        if (nativeLoadFailure(failure)) {
            return missingLibrary();
        }
        if (has(failure, WebcamLockException.class) || mentions(failure, "cannot start native grabber")
                || mentions(failure, "device or resource busy")) {
            // the native grabber cannot start a session on a camera another program is streaming from
            return BUSY;
        }
        return "The camera \u201c" + name + "\u201d could not be started.";
    }

    private static String missingLibrary() {
        return V4l2Library.availableOrNotNeeded() ? NO_DRIVER : LIBV4L2;
    }

    /** The native grabber library (or one it links against) could not be loaded. */
    private static boolean nativeLoadFailure(Throwable failure) {
        return has(failure, UnsatisfiedLinkError.class) || mentions(failure, V4l2Library.SONAME)
                || mentions(failure, "was not loaded successfully") || mentions(failure, "failed to allocate new instance");
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
