package dev.parley.client.video.camera;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.WebcamException;
import dev.parley.common.video.Picture;
import dev.parley.common.video.TestPattern;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webcam-capture driver with one camera, {@value #CAMERA_NAME}, whose images are the
 * {@link TestPattern}: each image asked for is the next frame (0, 1, 2, ...), with its number in
 * the frame number strip, as from a camera that always has a new frame ready. Like the native
 * driver it is not thread-safe, so webcam-capture runs its calls on its processor thread.
 *
 * <p>For the camera tests and for desktop end-to-end tests that need a camera on a machine
 * without one: {@code new Cameras(new TestPatternWebcamDriver())}.
 */
public final class TestPatternWebcamDriver implements WebcamDriver {
    public static final String CAMERA_NAME = "Parley Test Camera";

    private final Device device;

    /** A camera offering 320x180, 640x360 and 1280x720. */
    public TestPatternWebcamDriver() {
        this(new Dimension(320, 180), new Dimension(640, 360), new Dimension(1280, 720));
    }

    /** A camera offering exactly {@code sizes}; it starts at the first. */
    public TestPatternWebcamDriver(Dimension... sizes) {
        this.device = new Device(sizes);
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return List.of(device);
    }

    @Override
    public boolean isThreadSafe() {
        return false;
    }

    /** The one camera, for tests to look at or to make misbehave. */
    public Device camera() {
        return device;
    }

    /** The test camera. */
    public static final class Device implements WebcamDevice {
        private final Dimension[] sizes;
        private final AtomicLong nextFrame = new AtomicLong();
        private final AtomicBoolean open = new AtomicBoolean();
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicBoolean unplugged = new AtomicBoolean();
        private volatile Dimension size;
        private volatile TestPattern pattern;

        Device(Dimension... sizes) {
            this.sizes = sizes.clone();
            this.size = sizes[0];
        }

        /** From now on, opening fails the way the native driver fails on a camera another program streams from. */
        public void makeBusy() {
            busy.set(true);
        }

        /** From now on it gives no more images, like a camera pulled out while open. */
        public void unplug() {
            unplugged.set(true);
        }

        /** The number of the next frame it will give. */
        public long nextFrame() {
            return nextFrame.get();
        }

        @Override
        public String getName() {
            return CAMERA_NAME;
        }

        @Override
        public Dimension[] getResolutions() {
            return sizes.clone();
        }

        @Override
        public Dimension getResolution() {
            return size;
        }

        @Override
        public void setResolution(Dimension resolution) {
            if (open.get()) {
                throw new IllegalStateException("the resolution is set before opening");
            }
            size = resolution;
        }

        @Override
        public BufferedImage getImage() {
            if (!open.get() || unplugged.get()) {
                return null;
            }
            Picture picture = pattern.pictureFor(nextFrame.getAndIncrement());
            // what the native driver gives: 24-bit BGR
            BufferedImage image = new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_3BYTE_BGR);
            image.setRGB(0, 0, picture.width(), picture.height(), picture.rgb(), 0, picture.width());
            return image;
        }

        @Override
        public void open() {
            if (busy.get()) {
                throw new WebcamException("Cannot start native grabber!");
            }
            pattern = new TestPattern().withSize(size.width, size.height);
            open.set(true);
        }

        @Override
        public void close() {
            open.set(false);
        }

        @Override
        public void dispose() {
            close();
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }
    }
}
