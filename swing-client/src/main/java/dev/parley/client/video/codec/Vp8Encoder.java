package dev.parley.client.video.codec;

import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoEncoder;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * VP8 through libvpx (FFmpeg's {@code libvpx} encoder) for real-time calls: deadline realtime,
 * fixed speed ({@code cpu-used} {@value #CPU_USED}), error resilient, no frame lag, no alternate reference
 * (hidden) frames, constant bitrate with a one-second buffer, one thread. A keyframe comes every
 * {@code keyframeIntervalFrames} frames and whenever {@link #encode} asks for one.
 *
 * <p><b>Bitrate changes reopen the encoder.</b> FFmpeg's libvpx wrapper (FFmpeg 8.0.1, libvpx
 * 1.15.2) reads the bitrate only when the codec opens: measured, frames kept their size after
 * {@code bit_rate} (with the min/max rate and buffer) was changed on the open context. So a new
 * target set with {@link #setBitrate} makes the next {@link #encode} close and reopen the codec,
 * and that picture is a keyframe (at 500 kbit/s about three times a delta frame). A caller should
 * change the bitrate in steps, not continuously. A picture of another size restarts it the same way.
 *
 * <p>The picture goes from packed RGB to I420 through swscale (BT.601, limited range, what
 * every VP8 decoder assumes). Native buffers are made when the codec opens and reused for every
 * picture; {@link #close} frees them. Not thread-safe (one send thread), but {@link #close} from
 * another thread waits for a running {@link #encode} instead of freeing memory under it.
 */
public final class Vp8Encoder implements VideoEncoder {
    /**
     * libvpx's VP8 speed. In realtime mode a positive value lets libvpx pick the speed from how
     * long frames take against the frame interval (wall time, so it drifts with the machine's
     * load); a negative one fixes speed {@code -value}. -6 is WebRTC's desktop default: on the
     * moving 640x360 scene at 500 kbit/s it measured 41.2 dB against 41.3 for +8 and 41.0 for -8,
     * at about the same CPU per frame (2.3 to 3.3 ms on the shared development machine;
     * VideoCodecBenchmark has the JMH figures).
     */
    static final int CPU_USED = -6;

    private final int frameRate;
    private final int keyframeInterval;
    private final int cpuUsed;
    private int bitrate;
    private int framesSinceKeyframe;
    private long pts;
    private boolean closed;
    private Native open;

    /**
     * An encoder for pictures of the settings' size (another size restarts it).
     *
     * @throws VideoCodecException when libvpx refuses the settings or is missing
     */
    public Vp8Encoder(EncoderSettings settings) throws VideoCodecException {
        this(settings, CPU_USED);
    }

    /** With another libvpx speed, -16..16, for measuring. */
    Vp8Encoder(EncoderSettings settings, int cpuUsed) throws VideoCodecException {
        this.frameRate = settings.frameRate();
        this.keyframeInterval = settings.keyframeIntervalFrames();
        this.bitrate = settings.bitrate();
        this.cpuUsed = cpuUsed;
        FfmpegNatives.ensureLoaded();
        this.open = Native.open(settings.width(), settings.height(), frameRate, bitrate, keyframeInterval, cpuUsed);
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.VP8;
    }

    @Override
    public synchronized EncodedPicture encode(Picture picture, boolean keyframe) throws VideoCodecException {
        if (closed) {
            throw new VideoCodecException("The VP8 encoder has been closed.");
        }
        if (open == null || open.width != picture.width() || open.height != picture.height() || open.bitrate != bitrate) {
            // a fresh libvpx encoder starts with a keyframe on its own
            if (open != null) {
                open.free();
                open = null;
            }
            open = Native.open(picture.width(), picture.height(), frameRate, bitrate, keyframeInterval, cpuUsed);
        }
        boolean force = keyframe || framesSinceKeyframe + 1 >= keyframeInterval;
        EncodedPicture encoded = open.encode(picture, force, pts++);
        framesSinceKeyframe = encoded.keyframe() ? 0 : framesSinceKeyframe + 1;
        return encoded;
    }

    /** The next picture is encoded at {@code bitrate}; when it differs, the codec reopens (see the class comment). */
    @Override
    public synchronized void setBitrate(int bitrate) {
        if (bitrate < 10_000) {
            throw new IllegalArgumentException("a VP8 bitrate is at least 10 kbit/s, got " + bitrate);
        }
        this.bitrate = bitrate;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (open != null) {
                open.free();
                open = null;
            }
        }
    }

    /** One opened libvpx context with its conversion and buffers, for one picture size and bitrate. */
    private static final class Native {
        final int width;
        final int height;
        final int bitrate;
        private AVCodecContext context;
        private AVFrame frame;
        private SwsContext rgbToYuv;
        private IntPointer rgb;
        private PointerPointer<?> rgbPlanes;
        private IntPointer rgbStride;
        private PointerPointer<?> yuvPlanes;
        private IntPointer yuvStrides;
        private AVPacket packet;

        private Native(int width, int height, int bitrate) {
            this.width = width;
            this.height = height;
            this.bitrate = bitrate;
        }

        static Native open(int width, int height, int frameRate, int bitrate, int keyframeInterval, int cpuUsed)
                throws VideoCodecException {
            Native n = new Native(width, height, bitrate);
            try {
                n.openCodec(frameRate, keyframeInterval, cpuUsed);
                return n;
            } catch (VideoCodecException e) {
                n.free();
                throw e;
            } catch (Throwable e) {
                n.free();
                throw new VideoCodecException("The VP8 encoder could not be started.", e);
            }
        }

        private void openCodec(int frameRate, int keyframeInterval, int cpuUsed) throws VideoCodecException {
            AVCodec codec = avcodec_find_encoder_by_name(FfmpegNatives.VP8_ENCODER);
            if (codec == null) {
                throw new VideoCodecException("This FFmpeg build has no VP8 encoder.");
            }
            context = avcodec_alloc_context3(codec);
            if (context == null) {
                throw new VideoCodecException("The VP8 encoder could not be started (out of memory).");
            }
            context.width(width);
            context.height(height);
            context.pix_fmt(AV_PIX_FMT_YUV420P);
            context.time_base(av_make_q(1, frameRate));
            context.framerate(av_make_q(frameRate, 1));
            // min = max = target: libvpx's constant bitrate mode, what a call over a paced network wants
            context.bit_rate(bitrate);
            context.rc_min_rate(bitrate);
            context.rc_max_rate(bitrate);
            context.rc_buffer_size(bitrate);
            context.rc_initial_buffer_occupancy(bitrate / 2);
            context.gop_size(keyframeInterval);
            context.max_b_frames(0);
            context.thread_count(1);
            context.qmin(4);
            context.qmax(56);
            AVDictionary options = new AVDictionary(null);
            try {
                av_dict_set(options, "deadline", "realtime", 0);
                av_dict_set(options, "cpu-used", Integer.toString(cpuUsed), 0);
                av_dict_set(options, "lag-in-frames", "0", 0);
                av_dict_set(options, "error-resilient", "default", 0);
                av_dict_set(options, "auto-alt-ref", "0", 0);
                // a keyframe may be at most this % of an average frame: bounds the burst a keyframe sends
                av_dict_set(options, "max-intra-rate", "300", 0);
                int result = avcodec_open2(context, codec, options);
                if (result < 0) {
                    throw new VideoCodecException("The VP8 encoder refused " + width + "x" + height + " at "
                            + bitrate / 1000 + " kbit/s (FFmpeg error " + result + ").");
                }
            } finally {
                av_dict_free(options);
            }
            frame = av_frame_alloc();
            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(width);
            frame.height(height);
            if (av_frame_get_buffer(frame, 32) < 0) {
                throw new VideoCodecException("The VP8 encoder could not get memory for a picture.");
            }
            rgbToYuv = sws_getContext(width, height, AV_PIX_FMT_BGR0, width, height, AV_PIX_FMT_YUV420P,
                    SWS_BILINEAR, null, null, (DoublePointer) null);
            if (rgbToYuv == null) {
                throw new VideoCodecException("The picture could not be prepared for VP8.");
            }
            // 0xRRGGBB ints are B, G, R, 0 in memory on little-endian machines: BGR0
            rgb = new IntPointer((long) width * height);
            rgbPlanes = new PointerPointer<IntPointer>(1).put(0, rgb);
            rgbStride = new IntPointer(1).put(0, width * 4);
            yuvPlanes = frame.data();
            yuvStrides = frame.linesize();
            packet = av_packet_alloc();
        }

        EncodedPicture encode(Picture picture, boolean keyframe, long pts) throws VideoCodecException {
            try {
                rgb.put(picture.rgb(), 0, picture.rgb().length);
                if (av_frame_make_writable(frame) < 0) {
                    throw new VideoCodecException("The VP8 encoder could not get memory for a picture.");
                }
                sws_scale(rgbToYuv, rgbPlanes, rgbStride, 0, height, yuvPlanes, yuvStrides);
                frame.pts(pts);
                frame.pict_type(keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                int sent = avcodec_send_frame(context, frame);
                if (sent < 0) {
                    throw new VideoCodecException("The VP8 encoder failed (FFmpeg error " + sent + ").");
                }
                // no lag, no frame dropping: every picture gives exactly one packet
                int received = avcodec_receive_packet(context, packet);
                if (received < 0) {
                    throw new VideoCodecException("The VP8 encoder gave no frame (FFmpeg error " + received + ").");
                }
                try {
                    byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    return new EncodedPicture(data, (packet.flags() & AV_PKT_FLAG_KEY) != 0);
                } finally {
                    av_packet_unref(packet);
                }
            } catch (VideoCodecException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new VideoCodecException("The VP8 encoder failed.", e);
            }
        }

        void free() {
            if (packet != null) {
                av_packet_free(packet);
                packet = null;
            }
            if (frame != null) {
                av_frame_free(frame);
                frame = null;
            }
            if (context != null) {
                avcodec_free_context(context);
                context = null;
            }
            if (rgbToYuv != null) {
                sws_freeContext(rgbToYuv);
                rgbToYuv = null;
            }
            if (rgbPlanes != null) {
                rgbPlanes.close();
                rgbPlanes = null;
            }
            if (rgbStride != null) {
                rgbStride.close();
                rgbStride = null;
            }
            if (rgb != null) {
                rgb.close();
                rgb = null;
            }
        }
    }
}
