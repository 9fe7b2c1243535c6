package dev.parley.common.video;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PicturesTest {
    private final Random random = new Random(3);

    @Test
    void anImageOfAPictureSharesItsPixels() {
        Picture picture = randomPicture(37, 21);

        BufferedImage image = Pictures.toImage(picture);

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(((DataBufferInt) image.getRaster().getDataBuffer()).getData()).isSameAs(picture.rgb());
        assertThat(image.getRGB(5, 7) & 0xFFFFFF).isEqualTo(picture.pixel(5, 7));
        assertThat(image.getRGB(36, 20) & 0xFFFFFF).isEqualTo(picture.pixel(36, 20));
    }

    @Test
    void aPictureOfAnImageIsACopyWithTheSamePixels() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        paintRandomly(image);

        Picture picture = Pictures.fromImage(image);
        assertSamePixels(picture, image);

        image.setRGB(0, 0, 0x123456);
        assertThat(picture.pixel(0, 0)).isNotEqualTo(0x123456);
    }

    @Test
    void everyImageTypeGivesTheSamePixels() {
        BufferedImage reference = new BufferedImage(33, 17, BufferedImage.TYPE_INT_RGB);
        paintRandomly(reference);
        for (int type : new int[]{BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_USHORT_565_RGB}) {
            BufferedImage image = new BufferedImage(33, 17, type);
            Graphics2D g = image.createGraphics();
            g.drawImage(reference, 0, 0, null);
            g.dispose();

            assertSamePixels(Pictures.fromImage(image), image);
        }
    }

    @Test
    void greyLevelsAreTakenAsTheyAre() {
        BufferedImage grey = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 32; i++) {
            grey.getRaster().setSample(i % 8, i / 8, 0, i * 8);
        }

        Picture picture = Pictures.fromImage(grey.getSubimage(1, 1, 7, 3));

        assertThat(picture.pixel(0, 0)).isEqualTo(0x484848);
        assertThat(picture.pixel(6, 2)).isEqualTo(0xF8F8F8);
    }

    @Test
    void subImagesAreReadFromTheirOwnCorner() {
        for (int type : new int[]{BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_3BYTE_BGR}) {
            BufferedImage whole = new BufferedImage(50, 40, type);
            paintRandomly(whole);
            BufferedImage part = whole.getSubimage(7, 11, 20, 15);

            Picture picture = Pictures.fromImage(part);

            assertThat(picture.width()).isEqualTo(20);
            assertThat(picture.height()).isEqualTo(15);
            assertSamePixels(picture, part);
        }
    }

    @Test
    void aPlainRgbImageIsAdoptedWithoutCopyAndASubImageIsCopied() {
        BufferedImage image = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        paintRandomly(image);

        Picture adopted = Pictures.adopt(image);
        assertThat(adopted.rgb()).isSameAs(((DataBufferInt) image.getRaster().getDataBuffer()).getData());

        BufferedImage part = image.getSubimage(2, 1, 10, 5);
        Picture copied = Pictures.adopt(part);
        assertThat(copied.rgb()).isNotSameAs(adopted.rgb());
        assertSamePixels(copied, part);
    }

    @Test
    void psnrOfIdenticalPicturesIsInfinite() {
        Picture a = randomPicture(20, 10);
        Picture b = new Picture(20, 10, a.rgb().clone());

        assertThat(Pictures.psnr(a, b)).isInfinite();
        assertThat(Pictures.rgbPsnr(a, b)).isInfinite();
    }

    @Test
    void psnrIsOverLumaAndRgbPsnrOverAllSamples() {
        Picture grey = flat(64, 32, 0x646464);
        Picture lighter = flat(64, 32, 0x656565);
        // one level of luma everywhere: MSE 1
        assertThat(Pictures.psnr(grey, lighter)).isCloseTo(10 * Math.log10(255.0 * 255.0), within(1e-9));
        assertThat(Pictures.rgbPsnr(grey, lighter)).isCloseTo(10 * Math.log10(255.0 * 255.0), within(1e-9));

        // blue off by 3: luma moves by 0.114 * 3 (0.343 in the 1/1024 steps used), RGB MSE is 9 / 3
        Picture bluer = flat(64, 32, 0x646467);
        assertThat(Pictures.rgbPsnr(grey, bluer)).isCloseTo(10 * Math.log10(255.0 * 255.0 / 3), within(1e-9));
        double lumaError = 117 * 3 / 1024.0;
        assertThat(Pictures.psnr(grey, bluer)).isCloseTo(10 * Math.log10(255.0 * 255.0 / (lumaError * lumaError)), within(1e-9));
    }

    @Test
    void psnrNeedsPicturesOfOneSize() {
        assertThatThrownBy(() -> Pictures.psnr(flat(4, 4, 0), flat(4, 2, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    static Picture flat(int width, int height, int rgb) {
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        return new Picture(width, height, pixels);
    }

    private Picture randomPicture(int width, int height) {
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return new Picture(width, height, pixels);
    }

    private void paintRandomly(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(random.nextInt(1 << 24)));
            g.fillRect(random.nextInt(image.getWidth()), random.nextInt(image.getHeight()), 1 + random.nextInt(15), 1 + random.nextInt(15));
        }
        g.dispose();
    }

    private static void assertSamePixels(Picture picture, BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertThat(picture.pixel(x, y)).as("pixel %d,%d of %s", x, y, image).isEqualTo(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(Arrays.stream(picture.rgb()).allMatch(p -> (p >>> 24) == 0)).as("top bytes clear").isTrue();
    }
}
