package dev.parley.bench.media;

import dev.parley.common.media.Pcm;
import dev.parley.common.media.TimeStretcher;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU per 20 ms frame of the jitter buffer's time stretcher, one thread, on real speech: one splice
 * attempt as the buffer makes it on a tick where it accelerates (remove up to a period from two queued
 * frames) or stretches (insert up to a period into one), at every 20 ms of a 15.7 s clip in turn, so
 * voiced frames (searched and crossfaded) and unvoiced or silent ones (searched, then left alone or
 * spliced freely) come in their natural mix. Each call first restores its buffer (a 2,880-sample copy,
 * well under a microsecond), which is included.
 *
 * <pre>java -jar benchmarks/target/parley-benchmarks.jar TimeStretcherBenchmark -f 1 -wi 3 -i 5</pre>
 * Run from the repository root, or pass {@code -p speech=/path/to/a-48k-mono.wav}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TimeStretcherBenchmark {
    private static final int FRAME = Pcm.FRAME_SAMPLES;
    private static final int HISTORY = TimeStretcher.HISTORY;

    /** A 48 kHz mono 16-bit WAV of speech. */
    @Param({"common/src/test/resources/audio/speech-a-48k.wav"})
    public String speech;

    private final TimeStretcher stretcher = new TimeStretcher();
    private final short[] buffer = new short[HISTORY + 6 * FRAME];
    private short[] pcm;
    private int at;

    @Setup
    public void load() throws IOException {
        Path file = Path.of(speech);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no speech clip at " + file.toAbsolutePath()
                    + ": run from the repository root or pass -p speech=FILE");
        }
        try (WavFileSource source = WavFileSource.open(file)) {
            pcm = source.readAll();
        }
    }

    /** Accelerating: history plus two queued frames, up to 20 ms removed. */
    @Benchmark
    public int compress() {
        int from = next();
        System.arraycopy(pcm, from - HISTORY, buffer, 0, HISTORY + 2 * FRAME);
        return stretcher.compress(buffer, 0, HISTORY, HISTORY + 2 * FRAME, TimeStretcher.MAX_PERIOD);
    }

    /** Stretching: history plus one queued frame, up to 20 ms inserted. */
    @Benchmark
    public int expand() {
        int from = next();
        System.arraycopy(pcm, from - HISTORY, buffer, 0, HISTORY + FRAME);
        return stretcher.expand(buffer, 0, HISTORY, HISTORY + FRAME, buffer.length, TimeStretcher.MAX_PERIOD);
    }

    private int next() {
        at += FRAME;
        if (at + 2 * FRAME > pcm.length) {
            at = HISTORY;
        }
        return at;
    }
}
