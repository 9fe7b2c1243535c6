package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code MediaDatagrams.parse}: Ok or a typed failure, never an exception; accepted headers
 * re-encode to the input.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/MediaDatagramsFuzzTestInputs/parse/}.
 * Fuzzing mode, locally: see README.md in this package.
 */
class MediaDatagramsFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        DecoderChecks.datagram(input);
    }
}
