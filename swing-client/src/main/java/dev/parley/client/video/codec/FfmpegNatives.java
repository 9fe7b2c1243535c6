package dev.parley.client.video.codec;

import dev.parley.common.video.VideoCodecException;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the parts of bytedeco's FFmpeg build that VP8 needs (avutil, swresample, avcodec with
 * libvpx inside, swscale; JavaCPP unpacks them to {@code ~/.javacpp/cache} on first use, about
 * half a second) and silences FFmpeg's own logging, which would otherwise print a line on standard
 * error for every damaged frame a peer sends.
 */
final class FfmpegNatives {
    static final String VP8_ENCODER = "libvpx";
    static final String VP8_DECODER = "vp8";

    private static boolean loaded;
    private static Throwable failure;

    private FfmpegNatives() {
    }

    /**
     * Loads the libraries once per process; later calls answer from the first.
     *
     * @throws VideoCodecException when they cannot be loaded or lack VP8; the message is
     *                             {@link NativeVideoCodecs#NOT_LOADED}, the cause what loading threw
     *                             ({@link UnsatisfiedLinkError}, {@link ExceptionInInitializerError}...)
     */
    static synchronized void ensureLoaded() throws VideoCodecException {
        if (!loaded && failure == null) {
            try {
                load();
                loaded = true;
            } catch (Throwable e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new VideoCodecException(NativeVideoCodecs.NOT_LOADED, failure);
        }
    }

    private static void load() {
        Loader.load(avutil.class);
        Loader.load(avcodec.class);
        Loader.load(swscale.class);
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        if (avcodec.avcodec_find_encoder_by_name(VP8_ENCODER) == null
                || avcodec.avcodec_find_decoder_by_name(VP8_DECODER) == null) {
            throw new IllegalStateException("this FFmpeg build has no VP8 encoder or decoder");
        }
    }
}
