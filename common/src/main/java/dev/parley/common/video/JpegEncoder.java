package dev.parley.common.video;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Encodes every picture as a baseline JPEG with the JDK's writer: a keyframe each, no state
 * between pictures, so a lost frame costs one frame. The fallback codec where VP8 cannot load.
 *
 * <p>The quality (0..1) is either set directly or derived from a target bitrate, frame rate and
 * picture size by {@link #qualityFor}. JPEG has no rate control: at the bitrates of a video call it
 * sends several times the target, and the call lowers its frame rate instead. Not thread-safe.
 */
public final class JpegEncoder implements VideoEncoder {
    /** The lowest quality ever used; below it blocks swamp faces and text. */
    public static final float MIN_QUALITY = 0.1f;
    /** The highest quality ever used; above it size grows fast for little gain. */
    public static final float MAX_QUALITY = 0.9f;

    /**
     * Bits per pixel of a frame at each quality of {@link #QUALITY_POINTS}, for interpolating a
     * quality from a budget: the curve's shape measured on the codec tests' moving 640x360 scene,
     * scaled so that 0.6 gives the 22 KB per frame measured on a camera-like talking head.
     */
    private static final double[] BITS_PER_PIXEL = {0.40, 0.53, 0.64, 0.76, 1.04, 2.14};
    private static final float[] QUALITY_POINTS = {0.1f, 0.25f, 0.45f, 0.6f, 0.75f, 0.9f};

    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private final int frameRate;
    private int bitrate;
    private float quality;
    private boolean qualityFromBitrate;
    private int width;
    private int height;

    /** An encoder at a fixed quality, 0..1 (clamped to {@value #MIN_QUALITY}..{@value #MAX_QUALITY}). */
    public JpegEncoder(float quality) {
        this.writer = newWriter();
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        this.frameRate = 15;
        this.bitrate = 0;
        setQuality(quality);
    }

    /** An encoder whose quality follows the settings' bitrate, frame rate and picture size. */
    public JpegEncoder(EncoderSettings settings) {
        this.writer = newWriter();
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        this.frameRate = settings.frameRate();
        this.width = settings.width();
        this.height = settings.height();
        setBitrate(settings.bitrate());
    }

    /**
     * The quality whose frames, measured on a moving camera-like scene, come closest to
     * {@code bitrate / frameRate} bits for a {@code width x height} picture, clamped to
     * {@value #MIN_QUALITY}..{@value #MAX_QUALITY}. Monotone: more bits per pixel never lowers it.
     * For example 0.6 for about 22 KB per 640x360 frame (2.6 Mbit/s at 15 fps).
     */
    public static float qualityFor(int bitrate, int frameRate, int width, int height) {
        double bitsPerPixel = (double) bitrate / frameRate / ((double) width * height);
        if (bitsPerPixel <= BITS_PER_PIXEL[0]) {
            return QUALITY_POINTS[0];
        }
        for (int i = 1; i < BITS_PER_PIXEL.length; i++) {
            if (bitsPerPixel <= BITS_PER_PIXEL[i]) {
                double t = (bitsPerPixel - BITS_PER_PIXEL[i - 1]) / (BITS_PER_PIXEL[i] - BITS_PER_PIXEL[i - 1]);
                return (float) (QUALITY_POINTS[i - 1] + t * (QUALITY_POINTS[i] - QUALITY_POINTS[i - 1]));
            }
        }
        return QUALITY_POINTS[QUALITY_POINTS.length - 1];
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.JPEG;
    }

    /** Every JPEG frame is a keyframe, whatever {@code keyframe} asks. */
    @Override
    public EncodedPicture encode(Picture picture, boolean keyframe) throws VideoCodecException {
        if (qualityFromBitrate && (picture.width() != width || picture.height() != height)) {
            width = picture.width();
            height = picture.height();
            quality = qualityFor(bitrate, frameRate, width, height);
        }
        param.setCompressionQuality(quality);
        bytes.reset();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(Pictures.toImage(picture), null, null), param);
        } catch (IOException | RuntimeException e) {
            throw new VideoCodecException("The picture could not be compressed as JPEG.", e);
        } finally {
            writer.setOutput(null);
        }
        return new EncodedPicture(bytes.toByteArray(), true);
    }

    /** Follows {@code bitrate} from the next picture on (see {@link #qualityFor}). */
    @Override
    public void setBitrate(int bitrate) {
        if (bitrate < 1) {
            throw new IllegalArgumentException("a bitrate is positive, got " + bitrate);
        }
        this.bitrate = bitrate;
        this.qualityFromBitrate = true;
        if (width > 0) {
            this.quality = qualityFor(bitrate, frameRate, width, height);
        }
    }

    /** Uses {@code quality} from the next picture on, until the next {@link #setBitrate}. */
    public void setQuality(float quality) {
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("a JPEG quality is 0..1, got " + quality);
        }
        this.quality = Math.max(MIN_QUALITY, Math.min(MAX_QUALITY, quality));
        this.qualityFromBitrate = false;
    }

    /** The quality the next picture is compressed at. */
    public float quality() {
        return quality;
    }

    @Override
    public void close() {
        writer.dispose();
    }

    private static ImageWriter newWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no JPEG writer");
        }
        return writers.next();
    }
}
