package dev.parley.bench.media;

import dev.parley.client.audio.processing.NativeAudioProcessing;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.WavFileSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The delay WebRTC's audio processing adds to the microphone's sound, offline: speech through a
 * processor with each clean-up alone and with all three, 20 ms frames as the send loop hands them
 * over, and the lag (0-30 ms) at which the output correlates best with the input. That delay is in
 * every processed call's mouth-to-ear latency; {@code LatencyBenchmark --audio-processing off,on}
 * measures it in a call.
 *
 * <pre>java -cp benchmarks/target/parley-benchmarks.jar:swing-client/target/parley-client.jar \
 *     dev.parley.bench.media.ProcessingDelay [common/src/test/resources/audio/speech-a-48k.wav]</pre>
 */
public final class ProcessingDelay {
    private static final int MAX_LAG = 1_440;
    /** Skip the first second, where the gain control and the noise estimate settle. */
    private static final int SETTLE = 48_000;

    private ProcessingDelay() {
    }

    public static void main(String[] args) throws IOException {
        Path speech = Path.of(args.length > 0 ? args[0] : "common/src/test/resources/audio/speech-a-48k.wav");
        short[] input = read(speech);
        NativeAudioProcessing.shared().unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        List<AudioProcessing> settings = List.of(new AudioProcessing(true, false, false),
                new AudioProcessing(false, true, false), new AudioProcessing(false, false, true), AudioProcessing.ALL);
        System.out.printf(Locale.ROOT, "%s, %.1f s of speech in 20 ms frames%n", speech, input.length / 48_000.0);
        for (AudioProcessing s : settings) {
            short[] output = process(input, s);
            int best = 0;
            double bestCorrelation = -2;
            for (int lag = 0; lag <= MAX_LAG; lag++) {
                double c = correlation(input, output, lag);
                if (c > bestCorrelation) {
                    bestCorrelation = c;
                    best = lag;
                }
            }
            System.out.printf(Locale.ROOT, "%-45s delay %4d samples = %5.2f ms (correlation there %.3f)%n",
                    name(s), best, best / 48.0, bestCorrelation);
        }
    }

    private static String name(AudioProcessing s) {
        return s.equals(AudioProcessing.ALL) ? "echo cancellation + noise suppression + gain"
                : s.echoCancellation() ? "echo cancellation alone" : s.noiseSuppression() ? "noise suppression alone"
                : "automatic gain alone";
    }

    private static short[] process(short[] input, AudioProcessing settings) {
        short[] output = new short[input.length];
        short[] frame = new short[960];
        try (AudioProcessor processor = NativeAudioProcessing.shared().open(settings)) {
            for (int i = 0; i + frame.length <= input.length; i += frame.length) {
                System.arraycopy(input, i, frame, 0, frame.length);
                processor.nearEnd(frame);
                System.arraycopy(frame, 0, output, i, frame.length);
            }
        }
        return output;
    }

    private static double correlation(short[] x, short[] y, int lag) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = SETTLE; i + lag < y.length - 960; i++) {
            double u = x[i];
            double v = y[i + lag];
            xy += u * v;
            xx += u * u;
            yy += v * v;
        }
        return xy / Math.sqrt(xx * yy + 1e-9);
    }

    private static short[] read(Path file) throws IOException {
        try (WavFileSource source = WavFileSource.open(file)) {
            return source.readAll();
        }
    }
}
