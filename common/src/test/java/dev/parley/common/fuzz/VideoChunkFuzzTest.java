package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code VideoChunk.decode}: Ok or a typed failure, never an exception; accepted chunks re-encode
 * to the input.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/VideoChunkFuzzTestInputs/decode/}.
 * Fuzzing mode, locally: see README.md in this package.
 */
class VideoChunkFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        DecoderChecks.videoChunk(input);
    }
}
