package dev.parley.client.video.codec;

import dev.parley.client.natives.LazyNatives;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.JpegCodecs;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoEncoder;

import java.util.Optional;

/**
 * The desktop client's codecs: VP8 through the FFmpeg natives when they load on this computer,
 * JPEG always (from {@link JpegCodecs}). The natives are loaded lazily, once, on the first question
 * about VP8; any failure ({@link UnsatisfiedLinkError} on an unsupported platform, a missing or
 * damaged library, anything else thrown) is remembered as a sentence for the user, and VP8 stays
 * unavailable for this instance.
 *
 * <p><b>Turning VP8 off</b>, to test or to work around a broken native library:
 * <ul>
 *   <li>for a whole process: the system property {@value #VP8_PROPERTY}{@code =off}
 *       ({@code java -Dparley.video.vp8=off ...}), read by instances made with
 *       {@link #NativeVideoCodecs()} (and so by {@link #shared()}) when they load;</li>
 *   <li>for one instance: {@link #NativeVideoCodecs(LazyNatives.Loader)} with a loader that throws, as
 *       missing natives would.</li>
 * </ul>
 * Thread-safe.
 */
public final class NativeVideoCodecs implements VideoCodecs {
    /** System property that turns VP8 off for the process when set to {@code off}. */
    public static final String VP8_PROPERTY = "parley.video.vp8";

    static final String NOT_LOADED = "VP8 video is not available on this computer (the FFmpeg libraries could not be"
            + " loaded); sending JPEG instead.";
    static final String TURNED_OFF = "VP8 video is turned off (" + VP8_PROPERTY + "=off); sending JPEG instead.";

    private static final class Shared {
        static final NativeVideoCodecs INSTANCE = new NativeVideoCodecs();
    }

    private final JpegCodecs jpeg = new JpegCodecs();
    private final LazyNatives natives;

    /** Loads the FFmpeg natives when VP8 is first needed, unless {@value #VP8_PROPERTY} is {@code off}. */
    public NativeVideoCodecs() {
        this(LazyNatives.unlessTurnedOff(VP8_PROPERTY, FfmpegNatives::ensureLoaded));
    }

    /** Uses {@code loader} to load the natives when VP8 is first needed; tests pass one that fails. */
    public NativeVideoCodecs(LazyNatives.Loader loader) {
        this.natives = new LazyNatives(null, loader, NOT_LOADED, TURNED_OFF);
    }

    /** One instance for the whole process, so that the natives are loaded (or found missing) once. */
    public static NativeVideoCodecs shared() {
        return Shared.INSTANCE;
    }

    /** Whether VP8 can be sent and received here; loads the natives on the first call. */
    public boolean vp8Available() {
        return natives.available();
    }

    /** Why VP8 is not available, a sentence for the user; empty when it is. */
    public Optional<String> unavailableReason() {
        return natives.unavailableReason();
    }

    @Override
    public VideoEncoder newEncoder(VideoCodec codec, EncoderSettings settings) throws VideoCodecException {
        return switch (codec) {
            case JPEG -> jpeg.newEncoder(codec, settings);
            case VP8 -> {
                Optional<String> reason = natives.unavailableReason();
                if (reason.isPresent()) {
                    throw new VideoCodecException(reason.get());
                }
                yield new Vp8Encoder(settings);
            }
            case H264 -> throw new VideoCodecException("H.264 video cannot be sent from this computer; sending VP8 or JPEG instead.");
        };
    }

    @Override
    public Optional<VideoDecoder> newDecoder(VideoCodec codec) {
        return switch (codec) {
            case JPEG -> jpeg.newDecoder(codec);
            case VP8 -> {
                if (!vp8Available()) {
                    yield Optional.empty();
                }
                try {
                    yield Optional.of(new Vp8Decoder());
                } catch (VideoCodecException e) {
                    yield Optional.empty();
                }
            }
            case H264 -> Optional.empty();
        };
    }
}
