package dev.parley.client.video.camera;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver;
import dev.parley.common.video.VideoSettings;

import java.awt.Dimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The cameras of this computer, through webcam-capture, and the way to open one as a
 * {@link CameraSource}.
 *
 * <p>Talks to a {@link WebcamDriver} directly instead of through webcam-capture's global
 * {@code Webcam} registry (no {@code Webcam.setDriver}, no discovery thread), so a test, or a
 * desktop test client, can use a driver of its own beside the real one. Every call asks the driver
 * again, so a camera plugged in later shows up. Native calls that hang (a wedged camera) give up
 * after a timeout with a sentence for the user; so does every other failure.
 */
public final class Cameras {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    /** Native calls that may hang run here, so that the caller can give up on them. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "parley-camera-probe");
        t.setDaemon(true);
        return t;
    });

    private final DriverLoader loader;
    private final Duration timeout;
    private WebcamDriver driver;

    /** The system's cameras, through webcam-capture's built-in native driver. */
    public Cameras() {
        this(Cameras::defaultDriver, DEFAULT_TIMEOUT);
    }

    /** The cameras of {@code driver} (a test driver, or another webcam-capture driver). */
    public Cameras(WebcamDriver driver) {
        this(driver, DEFAULT_TIMEOUT);
    }

    /** The cameras of {@code driver}, giving up on listing them after {@code timeout}. */
    public Cameras(WebcamDriver driver, Duration timeout) {
        this(() -> Objects.requireNonNull(driver, "driver"), timeout);
    }

    private Cameras(DriverLoader loader, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout is positive");
        }
        this.loader = loader;
        this.timeout = timeout;
    }

    /**
     * The names of the cameras there are now, in the driver's order; empty when there is none.
     *
     * @throws CameraException when the driver cannot be loaded or does not answer in time
     */
    public List<String> names() throws CameraException {
        List<String> names = new ArrayList<>();
        for (WebcamDevice device : devices()) {
            names.add(device.getName());
        }
        return List.copyOf(names);
    }

    /** Opens camera {@code name} at 640x360 (or the nearest size it offers), 15 fps. */
    public CameraSource open(String name) throws CameraException {
        return open(name, CameraSource.DEFAULT_FRAME_RATE, VideoSettings.CAMERA_WIDTH, VideoSettings.CAMERA_HEIGHT);
    }

    /**
     * Opens camera {@code name} at the size it offers nearest to {@code width x height}; its
     * pictures are scaled to fit that size and paced at {@code frameRate} (1..60).
     *
     * @throws CameraException when it is not connected, is in use, or does not start; the
     *                         message is a sentence for the user
     */
    public CameraSource open(String name, int frameRate, int width, int height) throws CameraException {
        WebcamDevice device = devices().stream()
                .filter(d -> name.equals(d.getName()))
                .findFirst()
                .orElseThrow(() -> new CameraException("The camera \u201c" + name + "\u201d is not connected."));
        WebcamDriver d = loadedDriver();
        Dimension size = nearest(device.getResolutions(), width, height);
        Future<Void> opening = PROBES.submit(() -> DeviceTask.run(d, device, dev -> {
            if (size != null) {
                dev.setResolution(size);
            }
            dev.open();
            return null;
        }));
        try {
            opening.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // should it still open, close it again: nobody will read it
            PROBES.submit(() -> {
                opening.get();
                return DeviceTask.run(d, device, dev -> {
                    dev.close();
                    return null;
                });
            });
            throw new CameraException(CameraFailures.OPEN_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new CameraException(CameraFailures.whyOpeningFailed(name, e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraException("Opening the camera was cancelled.", e);
        }
        return new CameraSource(name, d, device, frameRate, width, height);
    }

    /**
     * Of the sizes a camera offers, the smallest that covers {@code width x height}, or the
     * largest when none does; null when it offers none (then it keeps its own).
     */
    static Dimension nearest(Dimension[] offered, int width, int height) {
        Dimension covering = null;
        Dimension largest = null;
        if (offered == null) {
            return null;
        }
        for (Dimension d : offered) {
            if (d == null || d.width < 1 || d.height < 1) {
                continue;
            }
            long area = (long) d.width * d.height;
            if (d.width >= width && d.height >= height
                    && (covering == null || area < (long) covering.width * covering.height)) {
                covering = d;
            }
            if (largest == null || area > (long) largest.width * largest.height) {
                largest = d;
            }
        }
        return covering != null ? covering : largest;
    }

    private List<WebcamDevice> devices() throws CameraException {
        WebcamDriver d = loadedDriver();
        List<WebcamDevice> devices = withTimeout(d::getDevices, CameraFailures.LIST_TIMEOUT, CameraFailures::whyListingFailed);
        return devices == null ? List.of() : devices;
    }

    private synchronized WebcamDriver loadedDriver() throws CameraException {
        if (driver == null) {
            driver = loader.load();
        }
        return driver;
    }

    private <T> T withTimeout(Callable<T> call, String onTimeout, Function<Throwable, String> explain) throws CameraException {
        Future<T> future = PROBES.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not cancelled: interrupting a thread inside webcam-capture's processor hand-over wedges
            // that processor for good; a late answer is simply dropped
            throw new CameraException(onTimeout, e);
        } catch (ExecutionException e) {
            throw new CameraException(explain.apply(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraException("Looking for cameras was cancelled.", e);
        }
    }

    private static WebcamDriver defaultDriver() throws CameraException {
        // without the library the driver's native loader fills the console with errors first
        if (!V4l2Library.availableOrNotNeeded()) {
            throw new CameraException(CameraFailures.LIBV4L2);
        }
        try {
            return new WebcamDefaultDriver();
        } catch (RuntimeException | LinkageError e) {
            throw new CameraException(CameraFailures.whyListingFailed(e), e);
        }
    }

    /** Where the driver comes from: made on first use, since the native one costs a library load. */
    @FunctionalInterface
    private interface DriverLoader {
        WebcamDriver load() throws CameraException;
    }
}
