package dev.parley.common.video;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.parley.common.video.PicturesTest.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PictureScalerTest {

    @Test
    void fitKeepsTheAspectRatioAtEvenSizes() {
        assertSize(PictureScaler.fit(flat(1280, 720, 0), 640, 360), 640, 360);
        assertSize(PictureScaler.fit(flat(1920, 1080, 0), 640, 480), 640, 360);
        assertSize(PictureScaler.fit(flat(1000, 1000, 0), 640, 360), 360, 360);
        assertSize(PictureScaler.fit(flat(1280, 720, 0), 641, 361), 640, 360);
        assertSize(PictureScaler.fit(flat(1366, 768, 0), 1280, 720), 1280, 720);
        // 1280 x 1024 into 720 rows: 900 wide
        assertSize(PictureScaler.fit(flat(1280, 1024, 0), 1280, 720), 900, 720);
        assertSize(PictureScaler.fit(flat(320, 180, 0), 640, 360), 640, 360);
        assertSize(PictureScaler.fit(flat(3, 1000, 0), 640, 360), 2, 360);
    }

    @Test
    void shrinkToFitNeverEnlargesAndEvensOddSizes() {
        Picture small = flat(320, 180, 0x102030);
        assertThat(PictureScaler.shrinkToFit(small, 640, 360)).isSameAs(small);
        assertSize(PictureScaler.shrinkToFit(flat(321, 181, 0), 640, 360), 320, 180);
        assertSize(PictureScaler.shrinkToFit(flat(1920, 1080, 0), 1280, 720), 1280, 720);
    }

    @Test
    void aPictureOfTheRightSizeIsReturnedAsIs() {
        Picture picture = flat(640, 360, 0x445566);
        assertThat(PictureScaler.fit(picture, 640, 360)).isSameAs(picture);
        assertThat(PictureScaler.scale(picture, 640, 360)).isSameAs(picture);
    }

    @Test
    void aFlatColourStaysExactlyFlatAtAnyScale() {
        int colour = 0xC86432;
        for (int[] size : new int[][]{{640, 360}, {642, 362}, {1280, 720}, {123, 77}, {2, 2}, {1920, 1080}}) {
            Picture scaled = PictureScaler.scale(flat(1280, 720, colour), size[0], size[1]);
            assertThat(scaled.rgb()).as("%dx%d", size[0], size[1]).containsOnly(colour);
        }
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        int[] pixels = new int[4 * 2];
        // block 1: 0, 255, 255, 0 in red -> 127.5 rounds to 128; block 2: 10, 20, 30, 41 in green -> 25.25 -> 25
        pixels[0] = 0x000000;
        pixels[1] = 0xFF0000;
        pixels[4] = 0xFF0000;
        pixels[5] = 0x000000;
        pixels[2] = 0x000A00;
        pixels[3] = 0x001400;
        pixels[6] = 0x001E00;
        pixels[7] = 0x002900;

        Picture half = PictureScaler.scale(new Picture(4, 2, pixels), 2, 1);

        assertThat(half.pixel(0, 0)).isEqualTo(0x800000);
        assertThat(half.pixel(1, 0)).isEqualTo(0x001900);
    }

    @Test
    void shrinkingAveragesAreasSoThinLinesSurvive() {
        // a one-pixel white line every 9 columns; shrunk 3:1 a nearest-neighbour scaler would drop
        // two lines in three, an area average keeps each as a third of a target pixel
        int width = 900;
        int height = 90;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x += 9) {
                pixels[y * width + x + (x / 9) % 3] = 0xFFFFFF;
            }
        }

        Picture scaled = PictureScaler.scale(new Picture(width, height, pixels), 300, 30);

        for (int x = 0; x < 300; x++) {
            int expected = x % 3 == 0 ? 85 : 0;
            assertThat(scaled.pixel(x, 15) & 0xFF).as("column %d", x).isEqualTo(expected);
        }
    }

    @Test
    void shrinkingByAnyRatioKeepsTheMeanBrightness() {
        Random random = new Random(5);
        int[] pixels = new int[1920 * 1080];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        Picture source = new Picture(1920, 1080, pixels);

        for (int[] size : new int[][]{{1280, 720}, {640, 360}, {642, 362}, {100, 56}}) {
            Picture scaled = PictureScaler.scale(source, size[0], size[1]);
            assertThat(meanRed(scaled)).as("%dx%d", size[0], size[1]).isCloseTo(meanRed(source), within(0.5));
        }
    }

    @Test
    void growingInterpolatesSmoothly() {
        // a horizontal ramp, enlarged 2x: the result is the same ramp, sampled between the pixels
        Picture ramp = ramp(320, 180);

        Picture big = PictureScaler.fit(ramp, 640, 360);

        assertSize(big, 640, 360);
        for (int x = 1; x < 640; x++) {
            assertThat(big.pixel(x, 100) & 0xFF).isGreaterThanOrEqualTo(big.pixel(x - 1, 100) & 0xFF);
        }
        assertThat(Pictures.psnr(big, ramp(640, 360))).isGreaterThan(40);
    }

    @Test
    void shrinkingARampMatchesTheRampDrawnSmall() {
        assertThat(Pictures.psnr(PictureScaler.fit(ramp(1920, 1080), 1280, 720), ramp(1280, 720))).isGreaterThan(40);
        assertThat(Pictures.psnr(PictureScaler.fit(ramp(1280, 720), 640, 360), ramp(640, 360))).isGreaterThan(40);
    }

    @Test
    void refusesBoxesNoPictureFits() {
        Picture picture = flat(10, 10, 0);
        assertThatThrownBy(() -> PictureScaler.fit(picture, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PictureScaler.fit(picture, 10, 5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PictureScaler.scale(picture, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Blue rising from 0 to 255 across the width, centre-sampled at any size. */
    private static Picture ramp(int width, int height) {
        int[] pixels = new int[width * height];
        for (int x = 0; x < width; x++) {
            int v = (int) Math.round((x + 0.5) / width * 255);
            for (int y = 0; y < height; y++) {
                pixels[y * width + x] = v;
            }
        }
        return new Picture(width, height, pixels);
    }

    private static double meanRed(Picture picture) {
        long sum = 0;
        for (int p : picture.rgb()) {
            sum += (p >> 16) & 0xFF;
        }
        return (double) sum / picture.rgb().length;
    }

    private static void assertSize(Picture picture, int width, int height) {
        assertThat(picture.width()).as("width of %s", picture).isEqualTo(width);
        assertThat(picture.height()).as("height of %s", picture).isEqualTo(height);
    }
}
