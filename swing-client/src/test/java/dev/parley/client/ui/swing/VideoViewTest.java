package dev.parley.client.ui.swing;

import dev.parley.client.ui.testing.TestPictures;
import dev.parley.common.video.Picture;
import org.junit.jupiter.api.Test;

import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A video view paints the feed's latest picture fitted, mirrored for a self view, initials without one. */
class VideoViewTest {
    private static final int GREEN = 0x22aa44;
    private static final int RED = 0xdd2222;
    private static final int BLUE = 0x2244dd;
    private static final int BARS = VideoView.BACKGROUND.getRGB() & 0xFFFFFF;

    /** The queued repaints, run by hand: the feed must not need the event thread to accept pictures. */
    private final List<Runnable> queued = new ArrayList<>();

    private BufferedImage paint(Picture picture, boolean video, boolean mirrored, int width, int height)
            throws Exception {
        AtomicReference<BufferedImage> out = new AtomicReference<>();
        VideoFeed feed = new VideoFeed(queued::add);
        feed.show(PictureImages.wrap(picture));
        SwingUtilities.invokeAndWait(() -> {
            VideoView view = new VideoView(160, 90);
            view.setSize(width, height);
            view.show(feed, video, mirrored, Optional.of("BO"));
            out.set(render(view));
        });
        return out.get();
    }

    static BufferedImage render(JComponent c) {
        BufferedImage image = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            c.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void aSquarePictureIsScaledToTheHeightWithBarsBesideIt() throws Exception {
        BufferedImage shown = paint(TestPictures.solid(90, 90, GREEN), true, false, 320, 180);
        // Scaled to 180 x 180 and centred: x 70..250.
        assertThat(rgb(shown, 160, 90)).isEqualTo(GREEN);
        assertThat(rgb(shown, 75, 10)).isEqualTo(GREEN);
        assertThat(rgb(shown, 245, 170)).isEqualTo(GREEN);
        assertThat(rgb(shown, 30, 90)).as("bar on the left").isEqualTo(BARS);
        assertThat(rgb(shown, 64, 90)).isEqualTo(BARS);
        assertThat(rgb(shown, 290, 90)).as("bar on the right").isEqualTo(BARS);
    }

    @Test
    void aWidePictureGetsBarsAboveAndBelow() throws Exception {
        BufferedImage shown = paint(TestPictures.solid(320, 60, BLUE), true, false, 320, 180);
        // 320 x 60 fills the width: y 60..120.
        assertThat(rgb(shown, 160, 90)).isEqualTo(BLUE);
        assertThat(rgb(shown, 10, 65)).isEqualTo(BLUE);
        assertThat(rgb(shown, 160, 30)).as("bar above").isEqualTo(BARS);
        assertThat(rgb(shown, 160, 150)).as("bar below").isEqualTo(BARS);
    }

    @Test
    void aSelfViewIsMirrored() throws Exception {
        Picture redLeft = TestPictures.halves(160, 90, RED, BLUE);
        BufferedImage plain = paint(redLeft, true, false, 320, 180);
        assertThat(rgb(plain, 60, 90)).isEqualTo(RED);
        assertThat(rgb(plain, 260, 90)).isEqualTo(BLUE);

        BufferedImage mirrored = paint(redLeft, true, true, 320, 180);
        assertThat(rgb(mirrored, 60, 90)).isEqualTo(BLUE);
        assertThat(rgb(mirrored, 260, 90)).as("red on the right").isEqualTo(RED);
    }

    @Test
    void withoutLiveVideoItShowsInitialsNotAStalePicture() throws Exception {
        BufferedImage shown = paint(TestPictures.solid(160, 90, GREEN), false, false, 320, 180);
        List<Integer> colours = new ArrayList<>();
        for (int x = 0; x < 320; x += 4) {
            colours.add(rgb(shown, x, 90));
        }
        assertThat(colours).doesNotContain(GREEN).contains(BARS).contains(0xFFFFFF);
    }

    @Test
    void aPictureIsWrappedAsAnRgbImageWithoutCopying() {
        Picture p = TestPictures.halves(4, 2, RED, 0xFF000000 | BLUE);
        BufferedImage image = PictureImages.wrap(p);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getRGB(0, 1) & 0xFFFFFF).isEqualTo(RED);
        assertThat(image.getRGB(3, 0) & 0xFFFFFF).as("the top byte is ignored").isEqualTo(BLUE);
        assertThat(((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData()).isSameAs(p.rgb());
    }

    @Test
    void manyPicturesQueueOneRepaint() throws Exception {
        VideoFeed feed = new VideoFeed(queued::add);
        AtomicInteger repaints = new AtomicInteger();
        JComponent viewer = new JComponent() {
            @Override
            public void repaint() {
                repaints.incrementAndGet();
            }
        };
        feed.addViewer(viewer);
        Thread videoThread = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                feed.show(PictureImages.wrap(TestPictures.solid(8, 8, i)));
            }
        });
        videoThread.start();
        videoThread.join();
        assertThat(queued).hasSize(1);
        assertThat(feed.latest().getRGB(0, 0) & 0xFFFFFF).isEqualTo(99);

        queued.remove(0).run();
        assertThat(repaints).hasValue(1);
        feed.show(PictureImages.wrap(TestPictures.solid(8, 8, 1)));
        assertThat(queued).as("the next picture queues the next repaint").hasSize(1);
        assertThat(feed.clear()).isTrue();
        assertThat(feed.latest()).isNull();
    }
}
