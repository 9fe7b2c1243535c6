package dev.parley.client.video.camera;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import dev.parley.client.video.ImageFitter;
import dev.parley.common.video.FrameClock;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSource;
import dev.parley.common.video.VideoStreamKind;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A camera stream: the newest image of an open webcam-capture device at every tick of a
 * {@link FrameClock} (15 fps by default), scaled to fit the requested size (360p) with the aspect
 * kept. Made by {@link Cameras#open}. A camera that sends nothing for {@value #SILENCE_SECONDS}
 * seconds (unplugged, wedged, failing) ends the stream with a {@link CameraException} saying so.
 *
 * <p>The device is read on a thread of its own: the caller may be interrupted or give up while a
 * native call is under way without leaving webcam-capture's processor thread stuck.
 * {@link #next()} from one thread; {@link #close()} from any.
 */
public final class CameraSource implements VideoSource {
    public static final int DEFAULT_FRAME_RATE = 15;
    static final int SILENCE_SECONDS = 3;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final String name;
    private final WebcamDriver driver;
    private final WebcamDevice device;
    private final FrameClock clock;
    private final ImageFitter fitter;
    private final long silenceLimitNanos;
    private final ExecutorService reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Future<BufferedImage> pending;
    private long lastImageNanos;

    CameraSource(String name, WebcamDriver driver, WebcamDevice device, int frameRate, int maxWidth, int maxHeight) {
        this(name, driver, device, frameRate, maxWidth, maxHeight, Duration.ofSeconds(SILENCE_SECONDS));
    }

    CameraSource(String name, WebcamDriver driver, WebcamDevice device, int frameRate, int maxWidth, int maxHeight,
                 Duration silenceLimit) {
        this.name = name;
        this.driver = driver;
        this.device = device;
        this.clock = new FrameClock(frameRate);
        this.fitter = new ImageFitter(maxWidth, maxHeight);
        this.silenceLimitNanos = silenceLimit.toNanos();
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parley-camera-reader");
            t.setDaemon(true);
            return t;
        });
        this.lastImageNanos = System.nanoTime();
    }

    /** The camera's name, as {@link Cameras#names()} gave it. */
    public String name() {
        return name;
    }

    @Override
    public VideoStreamKind kind() {
        return VideoStreamKind.CAMERA;
    }

    @Override
    public int frameRate() {
        return clock.frameRate();
    }

    @Override
    public Picture next() throws CameraException, InterruptedException {
        while (clock.await() >= 0) {
            BufferedImage image = read();
            if (image != null) {
                lastImageNanos = System.nanoTime();
                return fitter.toPicture(image);
            }
            if (clock.isClosed()) {
                break;
            }
            if (System.nanoTime() - lastImageNanos > silenceLimitNanos) {
                throw new CameraException(CameraFailures.STOPPED);
            }
        }
        return null;
    }

    /** The device's newest image, or null when it has none within a frame's time or failed to give one. */
    private BufferedImage read() throws InterruptedException {
        try {
            if (pending == null) {
                pending = reader.submit(() -> DeviceTask.run(driver, device, WebcamDevice::getImage));
            }
            BufferedImage image = pending.get(1000L / clock.frameRate(), TimeUnit.MILLISECONDS);
            pending = null;
            return image;
        } catch (TimeoutException e) {
            return null; // still reading: look again at the next tick
        } catch (ExecutionException e) {
            pending = null;
            return null; // counts as silence; a camera that keeps failing ends the stream
        } catch (RejectedExecutionException e) {
            return null; // closed meanwhile
        }
    }

    /** Stops the stream and closes the device, waiting a moment for it to let go. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clock.close();
        Future<?> closing;
        try {
            closing = reader.submit(() -> DeviceTask.run(driver, device, d -> {
                d.close();
                return null;
            }));
        } catch (RejectedExecutionException e) {
            return;
        }
        reader.shutdown();
        try {
            closing.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the device is gone or wedged: nothing more a user could do about it here
        }
    }
}
