package dev.parley.common.video;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes JPEG frames with the JDK's reader. Untrusted bytes: a frame that does not start like a
 * JPEG, declares a picture larger than {@link #MAX_PIXELS} or {@link Picture#MAX_SIDE}, or is
 * longer than {@link #MAX_FRAME_BYTES} is refused from its header, before any pixel is decoded;
 * a frame the reader warns about (cut short, damaged entropy data) is refused too rather than
 * shown half grey. Never throws. Not thread-safe.
 */
public final class JpegDecoder implements VideoDecoder {
    /** The most pixels a received picture may have: four 720p screens' worth. */
    public static final int MAX_PIXELS = 1280 * 720 * 4;
    /** The longest frame looked at. */
    public static final int MAX_FRAME_BYTES = 8 << 20;

    private final ImageReader reader;
    private String warning;

    public JpegDecoder() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no JPEG reader");
        }
        this.reader = readers.next();
        reader.addIIOReadWarningListener((source, message) -> {
            if (warning == null) {
                warning = message;
            }
        });
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.JPEG;
    }

    @Override
    public Decoded<Picture> decode(byte[] frame, boolean keyframe) {
        if (frame == null || frame.length < 4) {
            return Decoded.failed(DecodeError.Reason.TRUNCATED, "The JPEG frame is too short to be a picture.");
        }
        if (frame.length > MAX_FRAME_BYTES) {
            return Decoded.failed(DecodeError.Reason.TOO_LARGE, "The JPEG frame is larger than "
                    + (MAX_FRAME_BYTES >> 20) + " MB.");
        }
        // start of image, then the first marker
        if ((frame[0] & 0xFF) != 0xFF || (frame[1] & 0xFF) != 0xD8 || (frame[2] & 0xFF) != 0xFF) {
            return Decoded.failed(DecodeError.Reason.BAD_HEADER, "The frame is not a JPEG picture.");
        }
        warning = null;
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                return Decoded.failed(DecodeError.Reason.INVALID, "The JPEG picture declares no pixels.");
            }
            if (width > Picture.MAX_SIDE || height > Picture.MAX_SIDE || (long) width * height > MAX_PIXELS) {
                return Decoded.failed(DecodeError.Reason.TOO_LARGE, "The JPEG picture is too large ("
                        + width + "x" + height + " pixels).");
            }
            BufferedImage image = reader.read(0);
            if (warning != null) {
                return Decoded.failed(DecodeError.Reason.MALFORMED, "The JPEG picture is damaged (" + warning + ").");
            }
            if (image.getWidth() != width || image.getHeight() != height) {
                return Decoded.failed(DecodeError.Reason.INVALID, "The JPEG picture is not the size it declares.");
            }
            return Decoded.ok(Pictures.fromImage(image));
        } catch (IOException | RuntimeException e) {
            return Decoded.failed(DecodeError.Reason.MALFORMED, "The JPEG picture could not be decoded.");
        } catch (OutOfMemoryError e) {
            // within the pixel limit this needs a pathological stream (huge progressive scans); drop the frame
            return Decoded.failed(DecodeError.Reason.TOO_LARGE, "The JPEG picture needs more memory than is free.");
        } finally {
            reader.setInput(null);
        }
    }

    @Override
    public void close() {
        reader.dispose();
    }
}
