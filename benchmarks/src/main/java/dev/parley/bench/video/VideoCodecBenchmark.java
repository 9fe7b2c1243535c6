package dev.parley.bench.video;

import dev.parley.client.video.codec.NativeVideoCodecs;
import dev.parley.common.domain.Decoded;
import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.JpegDecoder;
import dev.parley.common.video.JpegEncoder;
import dev.parley.common.video.Picture;
import dev.parley.common.video.PictureScaler;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU per 640x360 frame of the video codecs, one thread, on the moving camera-like scene: VP8
 * (libvpx through FFmpeg, as {@link NativeVideoCodecs} makes it) encoding and decoding delta frames
 * at 500 kbit/s and 15 fps, JPEG at quality 0.6, and the scaler's two common shrinks. Issue 10's
 * goal: VP8 encode + decode at most 8 ms per frame. Sample mode: read the p0.50 rows.
 *
 * <p>The desktop classes are not inside the benchmarks jar; run it with the client jar beside it:
 * <pre>java -cp benchmarks/target/parley-benchmarks.jar:swing-client/target/parley-client.jar \
 *     org.openjdk.jmh.Main VideoCodecBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VideoCodecBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int FPS = 15;
    private static final int BITRATE = 500_000;
    /** Four seconds of the scene, played forwards then backwards so that the motion never jumps. */
    private static final int SCENE_FRAMES = 60;

    private List<Picture> pictures;
    private Picture camera720;
    private Picture screen1080;
    private VideoEncoder vp8Encoder;
    private VideoDecoder vp8Decoder;
    private VideoDecoder vp8PairDecoder;
    private byte[][] vp8Deltas;
    private JpegEncoder jpegEncoder;
    private JpegDecoder jpegDecoder;
    private byte[][] jpegFrames;
    private int encodeNext;
    private int decodeNext;
    private int jpegNext;

    @Setup(Level.Trial)
    public void setUp() throws VideoCodecException {
        NativeVideoCodecs codecs = NativeVideoCodecs.shared();
        if (!codecs.vp8Available()) {
            throw new IllegalStateException(codecs.unavailableReason().orElseThrow());
        }
        MovingScene scene = new MovingScene(WIDTH, HEIGHT, FPS);
        pictures = new ArrayList<>();
        for (int i = 0; i < SCENE_FRAMES; i++) {
            pictures.add(scene.frame(i));
        }
        for (int i = SCENE_FRAMES - 2; i > 0; i--) {
            pictures.add(pictures.get(i));
        }
        camera720 = new MovingScene(1280, 720, FPS).frame(7);
        screen1080 = new MovingScene(1920, 1080, FPS).frame(7);

        // no keyframe but the first: the benchmark measures the delta frames a call mostly sends
        EncoderSettings settings = new EncoderSettings(WIDTH, HEIGHT, FPS, BITRATE, 1_000_000);
        vp8Encoder = codecs.newEncoder(VideoCodec.VP8, settings);
        for (int i = 0; i < FPS; i++) {
            // past the rate controller's start, where frames are unusually small
            vp8Encoder.encode(pictures.get(encodeNext++), false);
        }

        // a recorded stream of delta frames to decode over and over (the decoder does the same
        // work whichever picture a delta frame was predicted from)
        vp8Decoder = codecs.newDecoder(VideoCodec.VP8).orElseThrow();
        vp8PairDecoder = codecs.newDecoder(VideoCodec.VP8).orElseThrow();
        try (VideoEncoder recorder = codecs.newEncoder(VideoCodec.VP8, settings)) {
            EncodedPicture keyframe = recorder.encode(pictures.get(0), true);
            require(vp8Decoder.decode(keyframe.data(), true));
            require(vp8PairDecoder.decode(vp8Encoder.encode(pictures.get(encodeNext++), true).data(), true));
            vp8Deltas = new byte[pictures.size() - 1][];
            for (int i = 1; i < pictures.size(); i++) {
                vp8Deltas[i - 1] = recorder.encode(pictures.get(i), false).data();
            }
        }

        jpegEncoder = new JpegEncoder(0.6f);
        jpegDecoder = new JpegDecoder();
        jpegFrames = new byte[SCENE_FRAMES][];
        for (int i = 0; i < SCENE_FRAMES; i++) {
            jpegFrames[i] = jpegEncoder.encode(pictures.get(i), false).data();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vp8Encoder.close();
        vp8Decoder.close();
        vp8PairDecoder.close();
        jpegEncoder.close();
        jpegDecoder.close();
    }

    /** One delta frame at 500 kbit/s: RGB to I420 (swscale) and libvpx. */
    @Benchmark
    public EncodedPicture vp8Encode() throws VideoCodecException {
        return vp8Encoder.encode(nextPicture(), false);
    }

    /** One delta frame: FFmpeg's vp8 decoder and I420 to RGB (swscale). */
    @Benchmark
    public Picture vp8Decode() {
        byte[] frame = vp8Deltas[decodeNext];
        decodeNext = (decodeNext + 1) % vp8Deltas.length;
        return require(vp8Decoder.decode(frame, false));
    }

    /** A sender's and a receiver's work for one frame, what the 8 ms goal is about. */
    @Benchmark
    public Picture vp8EncodeAndDecode() throws VideoCodecException {
        EncodedPicture frame = vp8Encoder.encode(nextPicture(), false);
        return require(vp8PairDecoder.decode(frame.data(), frame.keyframe()));
    }

    @Benchmark
    public EncodedPicture jpegEncode() throws VideoCodecException {
        Picture picture = pictures.get(jpegNext);
        jpegNext = (jpegNext + 1) % SCENE_FRAMES;
        return jpegEncoder.encode(picture, false);
    }

    @Benchmark
    public Picture jpegDecode() {
        byte[] frame = jpegFrames[jpegNext];
        jpegNext = (jpegNext + 1) % SCENE_FRAMES;
        return require(jpegDecoder.decode(frame, true));
    }

    /** A 720p camera picture to the 360p that is sent (the 2:1 path). */
    @Benchmark
    public Picture scaleCamera720To360() {
        return PictureScaler.shrinkToFit(camera720, WIDTH, HEIGHT);
    }

    /** A 1080p screen to the 720p that is shared (the general area-average path). */
    @Benchmark
    public Picture scaleScreen1080To720() {
        return PictureScaler.shrinkToFit(screen1080, 1280, 720);
    }

    private Picture nextPicture() {
        Picture picture = pictures.get(encodeNext);
        encodeNext = (encodeNext + 1) % pictures.size();
        return picture;
    }

    private static Picture require(Decoded<Picture> decoded) {
        if (!decoded.isOk()) {
            throw new IllegalStateException(decoded.errorOrNull().message());
        }
        return decoded.orElseThrow();
    }
}
