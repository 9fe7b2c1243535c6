package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * All decoders behind one harness, for the bounded fuzzing run of every CI build: Jazzer fuzzes only
 * one {@code @FuzzTest} per JVM, so the last byte of the input picks the decoder ({@link Decoder}
 * ordinal, modulo their number) and the rest is that decoder's input, laid out as for its own harness.
 * Coverage guidance spreads the time over the decoders by itself.
 *
 * <p>{@code ./mvnw verify} fuzzes this for {@link #CI_DURATION} in the surefire execution
 * {@code fuzz-decoders} (common/pom.xml, phase integration-test). Every test run also replays
 * {@code src/test/resources/dev/parley/common/fuzz/DecodersFuzzTestInputs/anyDecoder/}, where Jazzer
 * writes the input of any finding as {@code crash-<sha1>}.
 */
class DecodersFuzzTest {
    static final String CI_DURATION = "20s";

    /** The decoders in selector order. Append only: the seed corpus encodes these ordinals. */
    enum Decoder {
        CBOR, CONTROL, FRAMES, DATAGRAM, VIDEO_CHUNK, ROOM_LINK
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void anyDecoder(FuzzedDataProvider data) {
        switch (Decoder.values()[data.consumeInt(0, Decoder.values().length - 1)]) {
            case CBOR -> DecoderChecks.cbor(data.consumeRemainingAsBytes());
            case CONTROL -> DecoderChecks.control(data.consumeRemainingAsBytes());
            case FRAMES -> DecoderChecks.frames(data);
            case DATAGRAM -> DecoderChecks.datagram(data.consumeRemainingAsBytes());
            case VIDEO_CHUNK -> DecoderChecks.videoChunk(data.consumeRemainingAsBytes());
            case ROOM_LINK -> DecoderChecks.roomLink(data.consumeRemainingAsAsciiString());
        }
    }
}
