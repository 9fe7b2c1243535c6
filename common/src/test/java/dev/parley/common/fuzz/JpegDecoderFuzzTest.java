package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code JpegDecoder.decode}, the last stop of a received JPEG frame (a malicious peer's bytes
 * arrive authenticated): a picture or a typed failure, never an exception.
 *
 * <p>Regression mode (every build): replays {@code
 * src/test/resources/dev/parley/common/fuzz/JpegDecoderFuzzTestInputs/decode/}: a real frame, it cut
 * short, its size field raised past the limit, and bytes that are no JPEG.
 * Fuzzing mode, locally: see README.md in this package.
 */
class JpegDecoderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        DecoderChecks.jpegFrame(input);
    }
}
