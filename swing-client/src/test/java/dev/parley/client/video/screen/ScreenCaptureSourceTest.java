package dev.parley.client.video.screen;

import dev.parley.client.testing.Displays;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoStreamKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Screen sharing on a real display: Xvfb, {@code xvfb-run -a -s "-screen 0 1600x1000x24"}. A
 * window with known content sits at a known place; the captured picture must show it.
 */
class ScreenCaptureSourceTest {
    private static final int FRAME_X = 200;
    private static final int FRAME_Y = 150;

    private static JFrame frame;
    private static Robot mouse;

    @BeforeAll
    static void showKnownContent() throws Exception {
        Displays.assumeDisplay();
        SwingUtilities.invokeAndWait(() -> {
            frame = new JFrame("known content");
            frame.setUndecorated(true);
            frame.setContentPane(new JComponent() {
                @Override
                protected void paintComponent(Graphics g) {
                    KnownContent.paint((Graphics2D) g);
                }
            });
            frame.setBounds(FRAME_X, FRAME_Y, KnownContent.WIDTH, KnownContent.HEIGHT);
            frame.setVisible(true);
        });
        mouse = new Robot();
        mouse.waitForIdle();
    }

    @AfterAll
    static void closeWindow() throws Exception {
        if (frame != null) {
            SwingUtilities.invokeAndWait(frame::dispose);
        }
    }

    @Test
    void listsTheDisplaysScreen() throws IOException {
        List<Screen> screens = Screens.list();
        assertThat(screens).hasSize(1);
        Screen screen = screens.get(0);
        assertThat(screen.bounds()).isEqualTo(new java.awt.Rectangle(0, 0, 1600, 1000));
        assertThat(screen.label()).isEqualTo("Screen 1 (1600x1000)");
        assertThat(Screens.find(screen.id())).contains(screen);
        assertThat(Screens.find("no such screen")).isEmpty();
    }

    @Test
    void capturesWhatIsOnTheScreen() throws Exception {
        mouse.mouseMove(1500, 950); // the pointer out of the way
        BufferedImage expected = KnownContent.render();
        try (ScreenCaptureSource source = ScreenCaptureSource.open(Screens.list().get(0), 8, 1600, 1000)) {
            assertThat(source.kind()).isEqualTo(VideoStreamKind.SCREEN);
            // the window may need a moment to be mapped and painted
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Picture picture = source.next();
                assertThat(picture.width()).isEqualTo(1600);
                assertThat(picture.height()).isEqualTo(1000);
                assertThat(psnr(expected, picture, FRAME_X, FRAME_Y)).isGreaterThanOrEqualTo(30.0);
            });
        }
    }

    @Test
    void drawsThePointerWhereItIs() throws Exception {
        int x = FRAME_X + 60;
        int y = FRAME_Y + 40; // over the red block
        mouse.mouseMove(x, y);
        mouse.waitForIdle();
        try (ScreenCaptureSource source = ScreenCaptureSource.open(Screens.list().get(0), 10, 1600, 1000)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Picture picture = source.next();
                assertThat(picture.pixel(x, y)).as("the arrow's tip").isEqualTo(0x000000);
                assertThat(picture.pixel(x + 2, y + 8)).as("inside the arrow").isEqualTo(0xFFFFFF);
                assertThat(picture.pixel(x + 6, y + 3)).as("beside the arrow").isEqualTo(KnownContent.RED.getRGB() & 0xFFFFFF);
                assertThat(picture.pixel(x + 40, y + 40)).as("away from it").isEqualTo(KnownContent.RED.getRGB() & 0xFFFFFF);
            });

            mouse.mouseMove(x + 100, y);
            mouse.waitForIdle();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Picture picture = source.next();
                assertThat(picture.pixel(x + 2, y + 8)).as("where the arrow was").isEqualTo(KnownContent.RED.getRGB() & 0xFFFFFF);
                assertThat(picture.pixel(x + 102, y + 8)).as("where it is now").isEqualTo(0xFFFFFF);
            });
        }
    }

    @Test
    void scalesA1600x1000ScreenToFit720p() throws Exception {
        mouse.mouseMove(1500, 950);
        try (ScreenCaptureSource source = ScreenCaptureSource.open(Screens.list().get(0))) {
            assertThat(source.frameRate()).isEqualTo(ScreenCaptureSource.DEFAULT_FRAME_RATE);
            Picture picture = source.next();
            assertThat(picture.width()).isEqualTo(1152);
            assertThat(picture.height()).isEqualTo(720);
            double scale = 720 / 1000.0;
            // the middle of the green block, scaled down with the screen
            int green = picture.pixel((int) ((FRAME_X + 480) * scale), (int) ((FRAME_Y + 50) * scale));
            assertThat(distance(green, KnownContent.GREEN.getRGB())).isLessThan(12);
            // the scaled picture still matches the window, scaled the same way
            BufferedImage scaledExpected = new BufferedImage(460, 288, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaledExpected.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(KnownContent.render(), 0, 0, 460, 288, null);
            g.dispose();
            assertThat(psnr(scaledExpected, picture, 144, 108)).isGreaterThanOrEqualTo(24.0);
        }
    }

    @Test
    void pacesItselfAndEndsWhenClosed() throws Exception {
        ScreenCaptureSource source = ScreenCaptureSource.open(Screens.list().get(0));
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(source.next()).isNotNull();
        }
        // frames 0..4 at 8 fps: the fifth is due half a second after the first
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(495));
        source.close();
        assertThat(source.next()).isNull();
    }

    @Test
    void withoutADisplayTheUserReadsASentence() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), HeadlessScreenProbe.class.getName());
        builder.environment().remove("DISPLAY");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output.lines()).containsExactly(
                "list: " + Screens.NO_DISPLAY,
                "open: " + Screens.NO_DISPLAY);
    }

    /** PSNR of {@code expected} against the same-sized region of {@code actual} at ({@code left}, {@code top}). */
    static double psnr(BufferedImage expected, Picture actual, int left, int top) {
        double sum = 0;
        int w = expected.getWidth();
        int h = expected.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int e = expected.getRGB(x, y);
                int a = actual.pixel(left + x, top + y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = ((e >> shift) & 0xFF) - ((a >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * w * h);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }

    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }
}
