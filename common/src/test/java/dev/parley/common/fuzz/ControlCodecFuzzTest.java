package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code ControlCodec.decode}: Ok or a typed failure, never an exception; accepted messages survive
 * a re-encoding.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/ControlCodecFuzzTestInputs/decode/}.
 * Fuzzing mode, locally: see README.md in this package.
 */
class ControlCodecFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        DecoderChecks.control(input);
    }
}
