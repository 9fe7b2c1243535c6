package dev.parley.client.e2e;

import dev.parley.client.testing.Displays;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.video.Picture;
import dev.parley.common.video.PictureScaler;
import dev.parley.common.video.Pictures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.parley.client.e2e.HeadlessCallTest.headless;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Screen sharing end to end on a real display (Xvfb): a window with known content covers the
 * screen, a headless participant shares that screen ({@code --video screen:0}) through the real
 * relay, and another records what it decodes; the recording matches the window's content, scaled
 * the way a share is (to fit 1280x720), at 30 dB or better.
 */
class ScreenShareTest {
    private static final Pattern FILE = Pattern.compile("\"event\":\"frame\".*\"kind\":\"screen\".*\"file\":\"([^\"]+)\"");
    private static RelayFixture relay;
    private static JFrame window;
    private static Rectangle bounds;

    @TempDir
    static Path dir;

    @BeforeAll
    static void showKnownContent() throws Exception {
        Displays.assumeDisplay();
        relay = new RelayFixture(dir.resolve("tls"));
        bounds = GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()[0].getDefaultConfiguration()
                .getBounds();
        SwingUtilities.invokeAndWait(() -> {
            window = new JFrame("known content");
            window.setUndecorated(true);
            window.setContentPane(new JPanel() {
                @Override
                protected void paintComponent(Graphics g) {
                    paintContent((Graphics2D) g, bounds.width, bounds.height);
                }
            });
            window.setBounds(bounds);
            window.setVisible(true);
            window.toFront();
        });
        Robot robot = new Robot();
        robot.mouseMove(bounds.x + bounds.width - 1, bounds.y + bounds.height - 1);
        robot.waitForIdle();
    }

    @AfterAll
    static void close() throws Exception {
        if (window != null) {
            SwingUtilities.invokeAndWait(window::dispose);
        }
        if (relay != null) {
            relay.close();
        }
    }

    /** Big flat blocks and large text: what a shared slide or document looks like. */
    static void paintContent(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color[] colours = {new Color(0xD02020), new Color(0x20A040), new Color(0x2040D0), new Color(0xE0C020),
                new Color(0x8030A0), new Color(0x30B0B0), new Color(0xF08030), new Color(0x606060)};
        int cols = 8;
        int rows = 5;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(colours[(r * 3 + c) % colours.length]);
                g.fillRect(c * width / cols, r * height / rows, width / cols + 1, height / rows + 1);
            }
        }
        g.setColor(Color.WHITE);
        g.fillRect(width / 8, height * 2 / 5, width * 3 / 4, height / 5);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 8));
        g.drawString("Quarterly plan 2027", width / 8 + height / 20, height * 2 / 5 + height / 7);
    }

    @Test
    void theSharedScreenArrivesAsItLooks() throws Exception {
        String link = RoomLinks.format(relay.newRoom());
        Path video = dir.resolve("screen");
        HeadlessCallTest.Run bob = headless("--headless", "--link", link, "--name", "Bob", "--record-video",
                video.toString(), "--duration", "9s", "--profile", dir.resolve("pb").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.stderr().contains("IN_CALL"));
        HeadlessCallTest.Run alice = headless("--headless", "--link", link, "--name", "Alice", "--video", "screen:0",
                "--duration", "7s", "--profile", dir.resolve("pa").toString());
        assertThat(alice.exit().get()).as("Alice: " + alice.stderr()).isZero();
        assertThat(bob.exit().get()).as("Bob: " + bob.stderr()).isZero();

        BufferedImage expectedImage = new BufferedImage(bounds.width, bounds.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = expectedImage.createGraphics();
        paintContent(g, bounds.width, bounds.height);
        g.dispose();
        Picture expected = PictureScaler.shrinkToFit(Pictures.fromImage(expectedImage), 1280, 720);

        List<String> files = Files.readAllLines(video.resolve("frames.jsonl")).stream()
                .map(FILE::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        assertThat(files).as("screen frames recorded").hasSizeGreaterThanOrEqualTo(10);
        // the last frames: a share of a still screen sharpens after its keyframe
        for (String file : files.subList(files.size() - 5, files.size())) {
            Picture got = Pictures.fromImage(ImageIO.read(video.resolve(file).toFile()));
            assertThat(got.width()).isEqualTo(expected.width());
            assertThat(got.height()).isEqualTo(expected.height());
            double psnr = Pictures.psnr(expected, got);
            System.out.printf("screen share: %s %dx%d, PSNR %.1f dB%n", file, got.width(), got.height(), psnr);
            assertThat(psnr).as("PSNR of the shared screen, dB").isGreaterThanOrEqualTo(30);
        }
    }
}
