package dev.parley.client.audio.processing;

import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
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

/**
 * Where the natives load, a call gets WebRTC's processing; where they do not, it gets none and the
 * user a sentence, and the microphone goes through untouched.
 */
class NativeAudioProcessingTest {

    @Test
    void processingWhereTheNativesLoad() {
        NativeAudioProcessing processing = NativeAudioProcessing.shared();

        assertThat(processing.available()).isTrue();
        assertThat(processing.unavailableReason()).isEmpty();
        try (AudioProcessor processor = processing.open(AudioProcessing.ALL)) {
            assertThat(processor).isInstanceOf(WebRtcAudioProcessor.class);
            assertThat(processor.settings()).isEqualTo(AudioProcessing.ALL);
        }
    }

    @Test
    void withoutTheNativesThereIsNoProcessingAndASentenceSaysWhy() {
        for (Throwable failure : new Throwable[]{
                new UnsatisfiedLinkError("no webrtc-java-linux-x86_64 in java.library.path"),
                new ExceptionInInitializerError(new RuntimeException("Load library 'webrtc-java' failed")),
                new NoClassDefFoundError("dev/onvoid/webrtc/media/audio/AudioProcessing")}) {
            AtomicInteger loads = new AtomicInteger();
            NativeAudioProcessing processing = new NativeAudioProcessing(() -> {
                loads.incrementAndGet();
                throw (Error) failure;
            });

            for (int i = 0; i < 3; i++) {
                assertThat(processing.available()).isFalse();
                assertThat(processing.unavailableReason()).contains(NativeAudioProcessing.NOT_LOADED);
                assertThat(processing.open(AudioProcessing.ALL)).isSameAs(AudioProcessor.NONE);
            }
            assertThat(loads).as("loaded once").hasValue(1);
        }
        assertThat(NativeAudioProcessing.NOT_LOADED).doesNotContain("Exception", "Error", "java.", "dev.");
    }

    @Test
    void aProcessWithoutTheNativeLibrarySendsTheMicrophoneAsItIs() throws Exception {
        // the Java classes of webrtc-java are there, its linux-x86_64 library is not
        assertThat(runProbe(List.of())).containsExactly(
                "available=false",
                "reason=" + NativeAudioProcessing.NOT_LOADED,
                "processor=none",
                "untouched=true",
                "stats=true");
    }

    @Test
    void aProcessStartedWithTheSwitchOffSendsTheMicrophoneAsItIs() throws Exception {
        assertThat(runProbe(List.of("-D" + NativeAudioProcessing.PROPERTY + "=off", nativeLibrary()))).containsExactly(
                "available=false",
                "reason=" + NativeAudioProcessing.TURNED_OFF,
                "processor=none",
                "untouched=true",
                "stats=true");
    }

    /**
     * Runs {@link ProcessingUnavailableProbe} in a child JVM with this module's and common's classes
     * and webrtc-java's Java classes; {@code extra} may add JVM options and, as its last element, the
     * native jar.
     */
    private static List<String> runProbe(List<String> extra) throws Exception {
        List<String> classPath = new ArrayList<>(List.of(location(NativeAudioProcessing.class),
                location(ProcessingUnavailableProbe.class), location(AudioProcessor.class),
                location(AudioProcessingConfig.class)));
        List<String> options = new ArrayList<>(extra);
        if (!options.isEmpty() && !options.get(options.size() - 1).startsWith("-D")) {
            classPath.add(options.remove(options.size() - 1));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(ProcessingUnavailableProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    private static String nativeLibrary() throws URISyntaxException {
        return location(AudioProcessingConfig.class).replace(".jar", "-linux-x86_64.jar");
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
