package dev.parley.bench.media;

import dev.parley.client.audio.processing.NativeAudioProcessing;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.Pcm;
import dev.parley.common.media.WavFileSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU of WebRTC's audio processing per 20 ms call frame, one thread, as the call engine drives it:
 * the speaker's frame goes in as the echo reference ({@code farEnd}), then the microphone's frame is
 * processed ({@code nearEnd}); each is two 10 ms calls into the module, so a 10 ms frame costs half
 * the figure. The far end is speech A; the microphone hears it 60 ms later at -8 dB, and from the
 * clip's middle on speech B as well (echo alone, then double talk), over and over.
 *
 * <pre>java -cp benchmarks/target/parley-benchmarks.jar:swing-client/target/parley-client.jar \
 *     org.openjdk.jmh.Main AudioProcessingBenchmark -f 1 -wi 3 -i 5</pre>
 * Run from the repository root (or pass {@code -p farEnd=... -p nearEnd=...}); the client's classes
 * and natives are in its jar, not in the benchmarks jar.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AudioProcessingBenchmark {
    private static final int FRAME = Pcm.FRAME_SAMPLES;

    /** What runs: aec, ns, agc joined by + ({@code --audio-processing} joins them by commas, which JMH takes apart). */
    @Param({"aec+ns+agc", "aec", "ns", "agc"})
    public String processing;

    /** What the speaker plays: a 48 kHz mono 16-bit WAV of speech. */
    @Param({"common/src/test/resources/audio/speech-a-48k.wav"})
    public String farEnd;

    /** Who talks into the microphone from the middle on. */
    @Param({"common/src/test/resources/audio/speech-b-48k.wav"})
    public String nearEnd;

    private AudioProcessor processor;
    private short[] speaker;
    private short[] microphone;
    private final short[] frame = new short[FRAME];
    private int at;

    @Setup
    public void open() throws IOException {
        speaker = read(farEnd);
        short[] talker = read(nearEnd);
        microphone = new short[speaker.length];
        int delay = 60 * Pcm.SAMPLE_RATE / 1000;
        int talkFrom = speaker.length / 2;
        double gain = Math.pow(10, -8 / 20.0);
        for (int i = 0; i < microphone.length; i++) {
            double echo = i >= delay ? speaker[i - delay] * gain : 0;
            double voice = i >= talkFrom && i - talkFrom < talker.length ? talker[i - talkFrom] : 0;
            microphone[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(echo + voice)));
        }
        NativeAudioProcessing natives = NativeAudioProcessing.shared();
        if (!natives.available()) {
            throw new IllegalStateException(natives.unavailableReason().orElse("no audio processing"));
        }
        processor = natives.open(settings(processing));
    }

    @TearDown
    public void close() {
        processor.close();
    }

    /** One 20 ms call frame: the speaker's reference, then the microphone cleaned up. */
    @Benchmark
    public short[] callFrame() {
        System.arraycopy(speaker, at, frame, 0, FRAME);
        processor.farEnd(frame, 40);
        System.arraycopy(microphone, at, frame, 0, FRAME);
        processor.nearEnd(frame);
        at += FRAME;
        if (at + FRAME > speaker.length) {
            at = 0;
        }
        return frame;
    }

    private static AudioProcessing settings(String names) {
        AudioProcessing chosen = AudioProcessing.NONE;
        for (String name : names.split("[+,]")) {
            chosen = switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "aec" -> chosen.withEchoCancellation(true);
                case "ns" -> chosen.withNoiseSuppression(true);
                case "agc" -> chosen.withAutomaticGain(true);
                default -> throw new IllegalArgumentException("processing is aec, ns and agc joined by +, not " + names);
            };
        }
        return chosen;
    }

    private static short[] read(String path) throws IOException {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no speech clip at " + file.toAbsolutePath()
                    + ": run from the repository root or pass -p farEnd=FILE -p nearEnd=FILE");
        }
        try (WavFileSource source = WavFileSource.open(file)) {
            return source.readAll();
        }
    }
}
