package dev.parley.client.video.camera;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver;
import dev.parley.common.video.FrameNumberStrip;
import dev.parley.common.video.Picture;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.Test;

import java.awt.Dimension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CamerasTest {

    @Test
    void listsTheCamerasOfItsDriver() throws CameraException {
        assertThat(new Cameras(new TestPatternWebcamDriver()).names()).containsExactly("Parley Test Camera");
        assertThat(new Cameras(emptyDriver()).names()).isEmpty();
    }

    @Test
    void aCameraDeliversTheTestPatternFrameAfterFrame() throws Exception {
        TestPatternWebcamDriver driver = new TestPatternWebcamDriver();
        List<Long> numbers = new ArrayList<>();
        long start;
        try (CameraSource camera = new Cameras(driver).open(TestPatternWebcamDriver.CAMERA_NAME)) {
            assertThat(camera.kind()).isEqualTo(VideoStreamKind.CAMERA);
            assertThat(camera.frameRate()).isEqualTo(15);
            assertThat(camera.name()).isEqualTo("Parley Test Camera");
            assertThat(driver.camera().getResolution()).isEqualTo(new Dimension(640, 360));
            start = System.nanoTime();
            TestPattern pattern = new TestPattern();
            for (int i = 0; i < 8; i++) {
                Picture picture = camera.next();
                assertThat(picture.width()).isEqualTo(640);
                assertThat(picture.height()).isEqualTo(360);
                long number = FrameNumberStrip.read(picture).orElseThrow();
                numbers.add(number);
                // BGR and back is lossless, and nothing needed scaling
                assertThat(picture.rgb()).isEqualTo(pattern.pictureFor(number).rgb());
            }
        }
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        assertThat(numbers.get(0)).isZero();
        // eight frames at 15 fps: the eighth is due 7/15 s after the first
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(460));
        assertThat(driver.camera().isOpen()).isFalse();
    }

    @Test
    void aLargeCameraIsScaledDownTo360p() throws Exception {
        TestPatternWebcamDriver driver = new TestPatternWebcamDriver(new Dimension(1280, 720));
        try (CameraSource camera = new Cameras(driver).open(TestPatternWebcamDriver.CAMERA_NAME)) {
            long previous = -1;
            for (int i = 0; i < 4; i++) {
                Picture picture = camera.next();
                assertThat(picture.width()).isEqualTo(640);
                assertThat(picture.height()).isEqualTo(360);
                long number = FrameNumberStrip.read(picture).orElseThrow();
                assertThat(number).isGreaterThan(previous);
                previous = number;
            }
        }
    }

    @Test
    void picksTheSmallestSizeThatCovers360p() {
        Dimension qvga = new Dimension(320, 240);
        Dimension vga = new Dimension(640, 480);
        Dimension hd = new Dimension(1280, 720);
        assertThat(Cameras.nearest(new Dimension[]{hd, qvga, vga}, 640, 360)).isEqualTo(vga);
        assertThat(Cameras.nearest(new Dimension[]{new Dimension(160, 120), qvga}, 640, 360)).isEqualTo(qvga);
        assertThat(Cameras.nearest(new Dimension[]{new Dimension(640, 360), hd}, 640, 360)).isEqualTo(new Dimension(640, 360));
        assertThat(Cameras.nearest(new Dimension[0], 640, 360)).isNull();
        assertThat(Cameras.nearest(null, 640, 360)).isNull();
    }

    @Test
    void aCameraThatIsNotThereIsNamedInTheSentence() {
        assertThatThrownBy(() -> new Cameras(new TestPatternWebcamDriver()).open("Front Camera"))
                .isInstanceOf(CameraException.class)
                .hasMessage("The camera \u201cFront Camera\u201d is not connected.");
    }

    @Test
    void aBusyCameraSaysSo() {
        TestPatternWebcamDriver driver = new TestPatternWebcamDriver();
        driver.camera().makeBusy();
        assertThatThrownBy(() -> new Cameras(driver).open(TestPatternWebcamDriver.CAMERA_NAME))
                .isInstanceOf(CameraException.class)
                .hasMessage("The camera is in use by another program.");
    }

    @Test
    void aCameraThatStopsSendingEndsTheStreamWithASentence() throws Exception {
        TestPatternWebcamDriver driver = new TestPatternWebcamDriver();
        driver.camera().open();
        try (CameraSource camera = new CameraSource("Parley Test Camera", driver, driver.camera(), 30, 640, 360,
                Duration.ofMillis(300))) {
            long beforeLastImage = System.nanoTime();
            assertThat(camera.next()).isNotNull();
            driver.camera().unplug();
            assertThatThrownBy(camera::next)
                    .isInstanceOf(CameraException.class)
                    .hasMessage("The camera stopped sending pictures.");
            // 300 ms after the last image, give or take a frame
            assertThat(System.nanoTime() - beforeLastImage).isBetween(
                    TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.MILLISECONDS.toNanos(2000));
        }
    }

    @Test
    void aDriverThatHangsIsGivenUpOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WebcamDriver hanging = new WebcamDriver() {
            @Override
            public List<WebcamDevice> getDevices() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }
        };
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new Cameras(hanging, Duration.ofMillis(200)).names())
                    .isInstanceOf(CameraException.class)
                    .hasMessage("The cameras did not answer in time. Try again, or unplug the camera and plug it in again.");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
        } finally {
            release.countDown();
        }
    }

    @Test
    void closingEndsTheStreamAndLetsGoOfTheCamera() throws Exception {
        TestPatternWebcamDriver driver = new TestPatternWebcamDriver();
        CameraSource camera = new Cameras(driver).open(TestPatternWebcamDriver.CAMERA_NAME);
        assertThat(camera.next()).isNotNull();
        camera.close();
        assertThat(driver.camera().isOpen()).isFalse();
        assertThat(camera.next()).isNull();
        camera.close();
    }

    /**
     * The system's own driver on this machine. On Linux it needs libv4l2.so.0 (Debian's
     * libv4l-0): without it, the user reads how to install it; with it, listing works (and finds
     * no camera on a build machine).
     */
    @Test
    void theSystemDriverNeedsLibv4l2OnLinux() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "a Linux matter");
        Boolean installed = dpkgSaysInstalled("libv4l-0");
        assumeTrue(installed != null, "no dpkg to ask whether libv4l-0 is installed");
        if (installed) {
            assertThat(new Cameras().names()).allSatisfy(name -> assertThat(name).isNotBlank());
        } else {
            String sentence = "Video needs the system library libv4l2 (Debian/Ubuntu: sudo apt install libv4l-0).";
            // what the app does: it checks for the library before touching the native driver
            assertThatThrownBy(() -> new Cameras().names()).isInstanceOf(CameraException.class).hasMessage(sentence);
            assertThatThrownBy(() -> new Cameras().open("any camera")).isInstanceOf(CameraException.class).hasMessage(sentence);
            // and the native driver's own failure, were it used anyway, reads the same
            assertThatThrownBy(() -> new Cameras(new WebcamDefaultDriver()).names())
                    .isInstanceOf(CameraException.class).hasMessage(sentence);
        }
    }

    /** True or false by dpkg, null when dpkg cannot be run. */
    private static Boolean dpkgSaysInstalled(String pkg) throws InterruptedException {
        try {
            Process dpkg = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", pkg).redirectErrorStream(true).start();
            String status = new String(dpkg.getInputStream().readAllBytes());
            dpkg.waitFor();
            return status.contains("install ok installed");
        } catch (IOException e) {
            return null;
        }
    }

    private static WebcamDriver emptyDriver() {
        return new WebcamDriver() {
            @Override
            public List<WebcamDevice> getDevices() {
                return List.of();
            }

            @Override
            public boolean isThreadSafe() {
                return false;
            }
        };
    }
}
