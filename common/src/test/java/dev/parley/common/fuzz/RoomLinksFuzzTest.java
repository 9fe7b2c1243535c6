package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code RoomLinks.parse}: Ok or a typed failure, never an exception; accepted links format and parse back
 * to the same link.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/RoomLinksFuzzTestInputs/decode/}.
 * Fuzzing mode, locally: see README.md in this package.
 */
class RoomLinksFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parse(String input) {
        DecoderChecks.roomLink(input);
    }
}
