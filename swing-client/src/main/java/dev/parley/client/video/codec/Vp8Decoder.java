package dev.parley.client.video.codec;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoDecoder;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;

/**
 * Decodes VP8 with FFmpeg's own {@code vp8} decoder and converts its I420 pictures to packed RGB
 * through swscale. The bytes are untrusted: every frame's header is read in Java first
 * ({@link Vp8FrameHeader}: length, keyframe start code, a declared size within
 * {@link #MAX_PIXELS} and {@link Picture#MAX_SIDE}), and a delta frame is not handed to the native
 * decoder until a keyframe has decoded, nor after any frame failed, until the next keyframe: a
 * damaged stream recovers there. Anything that goes wrong is a {@link Decoded.Failed}; nothing is
 * thrown. Native buffers are reused from frame to frame ({@link #close} frees them). Not
 * thread-safe (one receive thread), but {@link #close} from another thread waits for a running
 * {@link #decode} instead of freeing memory under it.
 */
public final class Vp8Decoder implements VideoDecoder {
    /** The most pixels a received picture may have: four 720p screens' worth. */
    public static final int MAX_PIXELS = 1280 * 720 * 4;
    /** The longest frame looked at: far above what a 720p keyframe needs at any sane bitrate. */
    public static final int MAX_FRAME_BYTES = 4 << 20;

    private static final byte[] PADDING = new byte[AV_INPUT_BUFFER_PADDING_SIZE];

    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame decoded;
    private BytePointer input;
    private SwsContext yuvToRgb;
    private int swsWidth;
    private int swsHeight;
    private int swsFormat = -1;
    private IntPointer rgb;
    private PointerPointer<?> rgbPlanes;
    private IntPointer rgbStride;
    private boolean waitingForKeyframe = true;
    /** The last frame decoded into references only, with nothing to show: the stream is intact. */
    private boolean hidden;
    private boolean closed;

    /**
     * A decoder ready for a stream's first keyframe.
     *
     * @throws VideoCodecException when the native decoder cannot be made (natives missing)
     */
    public Vp8Decoder() throws VideoCodecException {
        FfmpegNatives.ensureLoaded();
        AVCodecContext ctx = null;
        AVPacket pkt = null;
        AVFrame frm = null;
        try {
            AVCodec codec = avcodec_find_decoder_by_name(FfmpegNatives.VP8_DECODER);
            if (codec == null) {
                throw new VideoCodecException("This FFmpeg build has no VP8 decoder.");
            }
            ctx = avcodec_alloc_context3(codec);
            if (ctx == null) {
                throw new VideoCodecException("The VP8 decoder could not be started (out of memory).");
            }
            ctx.thread_count(1);
            ctx.max_pixels(MAX_PIXELS);
            int result = avcodec_open2(ctx, codec, (PointerPointer<?>) null);
            if (result < 0) {
                throw new VideoCodecException("The VP8 decoder could not be started (FFmpeg error " + result + ").");
            }
            pkt = av_packet_alloc();
            frm = av_frame_alloc();
            if (pkt == null || frm == null) {
                throw new VideoCodecException("The VP8 decoder could not be started (out of memory).");
            }
        } catch (VideoCodecException | RuntimeException | LinkageError e) {
            if (pkt != null) {
                av_packet_free(pkt);
            }
            if (frm != null) {
                av_frame_free(frm);
            }
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            throw e instanceof VideoCodecException v ? v : new VideoCodecException("The VP8 decoder could not be started.", e);
        }
        this.context = ctx;
        this.packet = pkt;
        this.decoded = frm;
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.VP8;
    }

    /** Decodes {@code frame}; whether it is a keyframe is read from the frame itself, {@code keyframe} is not trusted. */
    @Override
    public synchronized Decoded<Picture> decode(byte[] frame, boolean keyframe) {
        if (closed) {
            return Decoded.failed(DecodeError.Reason.INVALID, "The VP8 decoder has been closed.");
        }
        if (frame != null && frame.length > MAX_FRAME_BYTES) {
            return Decoded.failed(DecodeError.Reason.TOO_LARGE, "The VP8 frame is larger than " + (MAX_FRAME_BYTES >> 20) + " MB.");
        }
        Decoded<Vp8FrameHeader> header = Vp8FrameHeader.parse(frame, MAX_PIXELS);
        if (!(header instanceof Decoded.Ok<Vp8FrameHeader> ok)) {
            return Decoded.failed(header.errorOrNull());
        }
        if (!ok.value().keyframe() && waitingForKeyframe) {
            return Decoded.failed(DecodeError.Reason.INVALID, "Waiting for a VP8 keyframe: this frame builds on pictures this decoder does not have.");
        }
        try {
            hidden = false;
            Decoded<Picture> picture = decodeNative(frame, ok.value().keyframe());
            if (picture.isOk()) {
                waitingForKeyframe = false;
            } else if (!hidden) {
                waitingForKeyframe = true;
            }
            return picture;
        } catch (RuntimeException | LinkageError e) {
            waitingForKeyframe = true;
            return Decoded.failed(DecodeError.Reason.MALFORMED, "The VP8 frame could not be decoded.");
        }
    }

    private Decoded<Picture> decodeNative(byte[] frame, boolean keyframe) {
        if (keyframe && waitingForKeyframe) {
            // drop whatever a broken stream left behind; the keyframe needs nothing from it
            avcodec_flush_buffers(context);
        }
        ensureInput(frame.length);
        input.position(0).put(frame, 0, frame.length);
        // FFmpeg's readers may look up to the padding past the end: it must be zeros
        input.position(frame.length).put(PADDING, 0, PADDING.length);
        input.position(0);
        packet.data(input);
        packet.size(frame.length);
        packet.flags(keyframe ? AV_PKT_FLAG_KEY : 0);
        int sent = avcodec_send_packet(context, packet);
        packet.data(null);
        packet.size(0);
        if (sent < 0) {
            return Decoded.failed(DecodeError.Reason.MALFORMED, "The VP8 frame is damaged (FFmpeg error " + sent + ").");
        }
        int received = avcodec_receive_frame(context, decoded);
        if (received == AVERROR_EAGAIN()) {
            // a frame that only updates references (show_frame 0): fine, nothing to show
            hidden = true;
            return Decoded.failed(DecodeError.Reason.INVALID, "The VP8 frame has no picture to show.");
        }
        if (received < 0) {
            return Decoded.failed(DecodeError.Reason.MALFORMED, "The VP8 frame gave no picture (FFmpeg error " + received + ").");
        }
        try {
            return toPicture();
        } finally {
            av_frame_unref(decoded);
        }
    }

    private Decoded<Picture> toPicture() {
        int width = decoded.width();
        int height = decoded.height();
        if (width < 1 || height < 1 || width > Picture.MAX_SIDE || height > Picture.MAX_SIDE || (long) width * height > MAX_PIXELS) {
            return Decoded.failed(DecodeError.Reason.TOO_LARGE, "The VP8 picture is too large (" + width + "x" + height + " pixels).");
        }
        if (!ensureConversion(width, height, decoded.format())) {
            return Decoded.failed(DecodeError.Reason.INVALID, "The VP8 picture has a pixel format that cannot be shown.");
        }
        int rows = sws_scale(yuvToRgb, decoded.data(), decoded.linesize(), 0, height, rgbPlanes, rgbStride);
        if (rows != height) {
            return Decoded.failed(DecodeError.Reason.INVALID, "The VP8 picture could not be converted for display.");
        }
        int[] pixels = new int[width * height];
        rgb.position(0).get(pixels, 0, pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return Decoded.ok(new Picture(width, height, pixels));
    }

    private void ensureInput(int length) {
        long needed = (long) length + AV_INPUT_BUFFER_PADDING_SIZE;
        if (input == null || input.capacity() < needed) {
            if (input != null) {
                input.close();
            }
            // grow in large steps: a stream's keyframes set the size once
            input = new BytePointer(Math.max(needed, 64 * 1024 + AV_INPUT_BUFFER_PADDING_SIZE) * 3 / 2);
        }
    }

    private boolean ensureConversion(int width, int height, int format) {
        if (yuvToRgb != null && width == swsWidth && height == swsHeight && format == swsFormat) {
            return true;
        }
        freeConversion();
        yuvToRgb = sws_getContext(width, height, format, width, height, AV_PIX_FMT_BGR0, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (yuvToRgb == null) {
            return false;
        }
        swsWidth = width;
        swsHeight = height;
        swsFormat = format;
        rgb = new IntPointer((long) width * height);
        rgbPlanes = new PointerPointer<IntPointer>(1).put(0, rgb);
        rgbStride = new IntPointer(1).put(0, width * 4);
        return true;
    }

    private void freeConversion() {
        if (yuvToRgb != null) {
            sws_freeContext(yuvToRgb);
            yuvToRgb = null;
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
        swsFormat = -1;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        freeConversion();
        av_packet_free(packet);
        av_frame_free(decoded);
        avcodec_free_context(context);
        if (input != null) {
            input.close();
            input = null;
        }
    }
}
