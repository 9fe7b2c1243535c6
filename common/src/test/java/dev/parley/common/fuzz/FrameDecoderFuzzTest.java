package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code FrameDecoder.feed} with the stream cut into fuzzer-chosen chunks: never an exception, and
 * the chunking never changes the outcome. Input layout: the chunks front to back, then one byte per chunk
 * (size - 1), the first chunk's last.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/FrameDecoderFuzzTestInputs/feed/}.
 * Fuzzing mode, locally: see README.md in this package.
 */
class FrameDecoderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void feed(FuzzedDataProvider data) {
        DecoderChecks.frames(data);
    }
}
