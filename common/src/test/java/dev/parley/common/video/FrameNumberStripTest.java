package dev.parley.common.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameNumberStripTest {
    private static final long[] NUMBERS = {0, 1, 2, 14, 15, 255, 256, 9_999, 65_535, 1_234_567, 0x7FFF_FFFFL, 0xFFFF_FFFFL};

    private final TestPattern pattern = new TestPattern();

    @Test
    void readsBackWhatItStamped() {
        for (long n : NUMBERS) {
            int[] rgb = new int[640 * 360];
            Arrays.fill(rgb, 0x808080);
            FrameNumberStrip.stamp(rgb, 640, 360, n);
            assertThat(FrameNumberStrip.read(new Picture(640, 360, rgb))).as("frame %d", n).hasValue(n);
        }
    }

    @Test
    void keepsTheLow32Bits() {
        int[] rgb = new int[640 * 360];
        FrameNumberStrip.stamp(rgb, 640, 360, 0x1_0000_0005L);
        assertThat(FrameNumberStrip.read(new Picture(640, 360, rgb))).hasValue(5);
    }

    @Test
    void occupiesOnlyTheBottomOfThePicture() {
        assertThat(FrameNumberStrip.top(360)).isEqualTo(328);
        assertThat(FrameNumberStrip.top(180)).isEqualTo(164);
        int[] rgb = new int[640 * 360];
        Arrays.fill(rgb, 0x123456);
        FrameNumberStrip.stamp(rgb, 640, 360, 0xFFFF_FFFFL);
        for (int i = 0; i < 328 * 640; i++) {
            assertThat(rgb[i]).isEqualTo(0x123456);
        }
        for (int i = 328 * 640; i < rgb.length; i++) {
            assertThat(rgb[i]).isIn(0x000000, 0xFFFFFF);
        }
    }

    @Test
    void survivesJpegAtHalfQuality() throws IOException {
        for (long n : new long[]{0, 1, 77, 1_000, 65_536, 0xFFFF_FFFFL}) {
            Picture coded = jpegRoundTrip(pattern.pictureFor(n), 0.5f);
            assertThat(FrameNumberStrip.read(coded)).as("frame %d after JPEG 0.5", n).hasValue(n);
        }
    }

    @Test
    void survivesScalingTo320x180() {
        for (long n : NUMBERS) {
            Picture small = areaAverage(pattern.pictureFor(n), 320, 180);
            assertThat(FrameNumberStrip.read(small)).as("frame %d at 320x180", n).hasValue(n);
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {0.5f, 0.2f})
    void survivesScalingAndThenJpeg(float quality) throws IOException {
        // 0.2 is well below what a call sends: a margin for VP8 at low bitrates
        for (long n : NUMBERS) {
            Picture coded = jpegRoundTrip(areaAverage(pattern.pictureFor(n), 320, 180), quality);
            assertThat(FrameNumberStrip.read(coded)).as("frame %d at 320x180 after JPEG %s", n, quality).hasValue(n);
        }
    }

    @Test
    void survivesOtherSizes() throws IOException {
        Picture hd = new TestPattern().withSize(1280, 720).pictureFor(4242);
        assertThat(FrameNumberStrip.read(jpegRoundTrip(hd, 0.5f))).hasValue(4242);
        assertThat(FrameNumberStrip.read(areaAverage(hd, 640, 360))).hasValue(4242);
        assertThat(FrameNumberStrip.read(jpegRoundTrip(areaAverage(hd, 320, 180), 0.5f))).hasValue(4242);
    }

    @Test
    void aPictureWithoutAStripReadsAsEmpty() throws IOException {
        Picture withStrip = pattern.pictureFor(12);
        int[] rgb = withStrip.rgb().clone();
        // the gradient above the strip, continued over it
        int top = FrameNumberStrip.top(360);
        for (int y = top; y < 360; y++) {
            System.arraycopy(rgb, (top - 1) * 640, rgb, y * 640, 640);
        }
        assertThat(FrameNumberStrip.read(new Picture(640, 360, rgb))).isEmpty();

        int[] grey = new int[640 * 360];
        Arrays.fill(grey, 0x808080);
        assertThat(FrameNumberStrip.read(new Picture(640, 360, grey))).isEmpty();
        assertThat(FrameNumberStrip.read(new Picture(640, 360, new int[640 * 360]))).isEmpty();
        int[] white = new int[640 * 360];
        Arrays.fill(white, 0xFFFFFF);
        assertThat(FrameNumberStrip.read(new Picture(640, 360, white))).isEmpty();
        assertThat(FrameNumberStrip.read(new Picture(10, 10, new int[100]))).isEmpty();
    }

    @Test
    void oneFlippedCellIsCaughtByTheCheckBits() {
        for (int cell = 0; cell < FrameNumberStrip.ROWS * FrameNumberStrip.COLUMNS; cell++) {
            int[] rgb = pattern.pictureFor(31_337).rgb().clone();
            int row = cell / FrameNumberStrip.COLUMNS;
            int col = cell % FrameNumberStrip.COLUMNS;
            // cells are 32x16 at 640x360, the strip starts at row 328
            for (int y = 328 + 16 * row; y < 328 + 16 * (row + 1); y++) {
                for (int x = 32 * col; x < 32 * (col + 1); x++) {
                    rgb[y * 640 + x] ^= 0xFFFFFF;
                }
            }
            OptionalLong read = FrameNumberStrip.read(new Picture(640, 360, rgb));
            assertThat(read).as("cell %d flipped", cell).isEmpty();
        }
    }

    @Test
    void refusesPicturesTooSmallForAStrip() {
        assertThatThrownBy(() -> FrameNumberStrip.stamp(new int[30 * 30], 30, 30, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameNumberStrip.stamp(new int[10], 640, 360, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Picture jpegRoundTrip(Picture picture, float quality) throws IOException {
        BufferedImage image = new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, picture.width(), picture.height(), picture.rgb(), 0, picture.width());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        int[] rgb = decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
        return new Picture(decoded.getWidth(), decoded.getHeight(), rgb);
    }

    /** Each target pixel is the average of the source pixels it covers (whole factors only). */
    static Picture areaAverage(Picture source, int width, int height) {
        int fx = source.width() / width;
        int fy = source.height() / height;
        assertThat(fx * width).isEqualTo(source.width());
        assertThat(fy * height).isEqualTo(source.height());
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int sy = y * fy; sy < (y + 1) * fy; sy++) {
                    for (int sx = x * fx; sx < (x + 1) * fx; sx++) {
                        int p = source.pixel(sx, sy);
                        r += p >> 16;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                int n = fx * fy;
                out[y * width + x] = ((r / n) << 16) | ((g / n) << 8) | (b / n);
            }
        }
        return new Picture(width, height, out);
    }
}
