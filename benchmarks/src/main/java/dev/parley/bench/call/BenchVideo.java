package dev.parley.bench.call;

import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoEncoder;
import dev.parley.common.video.VideoSettings;

import java.util.Optional;

/**
 * The video pieces the call benchmarks share: the desktop client's codecs (VP8 through the FFmpeg
 * natives; the client's classes are not in the benchmarks jar, so its jar goes on the class path
 * beside it), the camera settings measured (360p15 at 500 kbit/s, the defaults), and codecs that
 * encode but never decode, for simulated peers whose decoding would only load the machine.
 */
final class BenchVideo {
    private BenchVideo() {
    }

    /** The client's codecs; exits with a sentence when its jar is not on the class path or VP8 cannot load. */
    static VideoCodecs clientCodecs(VideoCodec preferred) {
        dev.parley.client.video.codec.NativeVideoCodecs codecs;
        try {
            codecs = dev.parley.client.video.codec.NativeVideoCodecs.shared();
        } catch (NoClassDefFoundError e) {
            System.err.println("video needs the client's classes: run with -cp "
                    + "benchmarks/target/parley-benchmarks.jar:PATH/TO/parley-client.jar (see benchmarks/README.md)");
            System.exit(2);
            return null;
        }
        if (preferred == VideoCodec.VP8 && !codecs.vp8Available()) {
            System.err.println(codecs.unavailableReason().orElse("VP8 is not available"));
            System.exit(2);
        }
        return codecs;
    }

    /** The camera as the client sends it by default: 640x360, 15 fps, 500 kbit/s, {@code codec} preferred. */
    static VideoSettings settings(VideoCodec codec) {
        return VideoSettings.defaults().withPreferred(codec);
    }

    /** {@code codec} from "vp8" or "jpeg". */
    static VideoCodec codec(String name) {
        return switch (name) {
            case "vp8" -> VideoCodec.VP8;
            case "jpeg" -> VideoCodec.JPEG;
            default -> throw new IllegalArgumentException("the video codec is vp8 or jpeg, not " + name);
        };
    }

    /**
     * Encoders of {@code codecs}, no decoders: a simulated peer's receive thread then drops video
     * frames (still opening their datagrams) instead of decoding them, and asks for no keyframes.
     */
    static VideoCodecs sendOnly(VideoCodecs codecs) {
        return new VideoCodecs() {
            @Override
            public VideoEncoder newEncoder(VideoCodec codec, EncoderSettings settings) throws VideoCodecException {
                return codecs.newEncoder(codec, settings);
            }

            @Override
            public Optional<VideoDecoder> newDecoder(VideoCodec codec) {
                return Optional.empty();
            }
        };
    }
}
