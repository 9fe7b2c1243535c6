package dev.parley.client.video.codec;

import dev.parley.common.video.EncodedPicture;
import dev.parley.common.video.EncoderSettings;
import dev.parley.common.video.JpegCodecs;
import dev.parley.common.video.MovingScene;
import dev.parley.common.video.Picture;
import dev.parley.common.video.Pictures;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecException;
import dev.parley.common.video.VideoDecoder;
import dev.parley.common.video.VideoEncoder;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeVideoCodecsTest {
    private static final EncoderSettings SETTINGS = new EncoderSettings(640, 360, 15, 500_000, 30);
    private static final MovingScene SCENE = new MovingScene(640, 360, 15);

    @Test
    void vp8WhereTheNativesLoad() throws Exception {
        NativeVideoCodecs codecs = NativeVideoCodecs.shared();

        assertThat(codecs.vp8Available()).isTrue();
        assertThat(codecs.unavailableReason()).isEmpty();
        try (VideoEncoder encoder = codecs.newEncoder(VideoCodec.VP8, SETTINGS);
             VideoDecoder decoder = codecs.newDecoder(VideoCodec.VP8).orElseThrow()) {
            assertThat(encoder).isInstanceOf(Vp8Encoder.class);
            EncodedPicture frame = encoder.encode(SCENE.frame(0), false);
            assertThat(frame.keyframe()).isTrue();
            assertThat(decoder.decode(frame.data(), true).isOk()).isTrue();
        }
        assertJpegWorks(codecs);
        assertThatThrownBy(() -> codecs.newEncoder(VideoCodec.H264, SETTINGS)).isInstanceOf(VideoCodecException.class);
        assertThat(codecs.newDecoder(VideoCodec.H264)).isEmpty();
    }

    @Test
    void withoutTheNativesVp8IsRefusedWithASentenceAndJpegStillWorks() throws Exception {
        for (Throwable failure : new Throwable[]{
                new UnsatisfiedLinkError("no jniavutil in java.library.path"),
                new ExceptionInInitializerError(new IllegalStateException("broken")),
                new NoClassDefFoundError("org/bytedeco/ffmpeg/global/avcodec"),
                new IllegalStateException("this FFmpeg build has no VP8 encoder or decoder")}) {
            NativeVideoCodecs codecs = new NativeVideoCodecs(() -> {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            });

            assertThat(codecs.vp8Available()).isFalse();
            assertThat(codecs.unavailableReason()).contains(NativeVideoCodecs.NOT_LOADED);
            assertThatThrownBy(() -> codecs.newEncoder(VideoCodec.VP8, SETTINGS))
                    .isInstanceOf(VideoCodecException.class)
                    .hasMessage("VP8 video is not available on this computer (the FFmpeg libraries could not be loaded);"
                            + " sending JPEG instead.");
            assertThat(codecs.newDecoder(VideoCodec.VP8)).isEmpty();
            assertJpegWorks(codecs);
        }
    }

    @Test
    void theNativesAreLoadedOnceAndOnlyWhenVp8IsFirstNeeded() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        NativeVideoCodecs codecs = new NativeVideoCodecs(() -> {
            loads.incrementAndGet();
            throw new UnsatisfiedLinkError("missing");
        });
        assertJpegWorks(codecs);
        assertThat(loads).hasValue(0);

        for (int i = 0; i < 3; i++) {
            assertThat(codecs.vp8Available()).isFalse();
            assertThatThrownBy(() -> codecs.newEncoder(VideoCodec.VP8, SETTINGS)).isInstanceOf(VideoCodecException.class);
            assertThat(codecs.newDecoder(VideoCodec.VP8)).isEmpty();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void thePropertyTurnsVp8OffForInstancesMadeWhileItIsSet() throws Exception {
        String before = System.getProperty(NativeVideoCodecs.VP8_PROPERTY);
        System.setProperty(NativeVideoCodecs.VP8_PROPERTY, "off");
        try {
            NativeVideoCodecs codecs = new NativeVideoCodecs();
            assertThat(codecs.vp8Available()).isFalse();
            assertThat(codecs.unavailableReason()).contains(NativeVideoCodecs.TURNED_OFF);
            assertThatThrownBy(() -> codecs.newEncoder(VideoCodec.VP8, SETTINGS))
                    .isInstanceOf(VideoCodecException.class)
                    .hasMessageContaining("sending JPEG instead");
            assertJpegWorks(codecs);
        } finally {
            if (before == null) {
                System.clearProperty(NativeVideoCodecs.VP8_PROPERTY);
            } else {
                System.setProperty(NativeVideoCodecs.VP8_PROPERTY, before);
            }
        }
    }

    @Test
    void aProcessWithoutTheNativeLibrariesSendsJpeg() throws Exception {
        // the Java classes of FFmpeg and JavaCPP are there, their linux-x86_64 libraries are not
        List<String> output = runProbe(List.of());

        assertThat(output).containsExactly(
                "available=false",
                "reason=" + NativeVideoCodecs.NOT_LOADED,
                "vp8Refused=" + NativeVideoCodecs.NOT_LOADED,
                "vp8Decoder=false",
                "jpeg=64x48");
    }

    @Test
    void aProcessStartedWithTheSwitchOffSendsJpeg() throws Exception {
        List<String> output = runProbe(List.of("-D" + NativeVideoCodecs.VP8_PROPERTY + "=off", nativeLibraries()));

        assertThat(output).containsExactly(
                "available=false",
                "reason=" + NativeVideoCodecs.TURNED_OFF,
                "vp8Refused=" + NativeVideoCodecs.TURNED_OFF,
                "vp8Decoder=false",
                "jpeg=64x48");
    }

    private static void assertJpegWorks(NativeVideoCodecs codecs) throws Exception {
        Picture picture = SCENE.frame(3);
        try (VideoEncoder encoder = codecs.newEncoder(VideoCodec.JPEG, SETTINGS);
             VideoDecoder decoder = codecs.newDecoder(VideoCodec.JPEG).orElseThrow()) {
            EncodedPicture frame = encoder.encode(picture, false);
            assertThat(Pictures.psnr(picture, decoder.decode(frame.data(), true).orElseThrow())).isGreaterThan(30);
        }
    }

    /**
     * Runs {@link Vp8UnavailableProbe} in a child JVM whose class path has this module's and common's
     * classes and the Java parts of JavaCPP and FFmpeg; {@code extra} may add JVM options and, as its
     * last element, the native jars' class path entries.
     */
    private static List<String> runProbe(List<String> extra) throws Exception {
        List<String> classPath = new ArrayList<>(List.of(
                location(NativeVideoCodecs.class), location(Vp8UnavailableProbe.class), location(JpegCodecs.class),
                location(Loader.class), location(avcodec.class)));
        List<String> options = new ArrayList<>(extra);
        if (!options.isEmpty() && !options.get(options.size() - 1).startsWith("-D")) {
            classPath.add(options.remove(options.size() - 1));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(Vp8UnavailableProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    /** The class path entries of the linux-x86_64 jars of JavaCPP and FFmpeg, found next to their Java jars. */
    private static String nativeLibraries() throws URISyntaxException {
        String javacpp = location(Loader.class);
        String ffmpeg = location(avcodec.class);
        return javacpp.replace(".jar", "-linux-x86_64.jar") + File.pathSeparator + ffmpeg.replace(".jar", "-linux-x86_64.jar");
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
