package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code CborReader.decode}: Ok or a typed failure, never an exception; accepted values survive
 * {@code CborWriter.encode}.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/CborReaderFuzzTestInputs/decode/}.
 * Fuzzing mode, locally: see README.md in this package.
 */
class CborReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        DecoderChecks.cbor(input);
    }
}
