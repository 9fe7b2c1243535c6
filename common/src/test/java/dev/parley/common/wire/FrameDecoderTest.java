package dev.parley.common.wire;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameDecoderTest {

    private static final byte[] A = WireSamples.bytes(1, 7);
    private static final byte[] B = WireSamples.bytes(300, 1);
    private static final byte[] C = WireSamples.bytes(Frames.MAX_PAYLOAD, 3);

    @Test
    void encodePrefixesTheBigEndianLength() {
        assertThat(Frames.encode(new byte[] {9})).containsExactly(0, 0, 0, 1, 9);
        byte[] max = Frames.encode(C);
        assertThat(Arrays.copyOf(max, 4)).containsExactly(0, 1, 0, 0);
        assertThatThrownBy(() -> Frames.encode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frames.encode(new byte[Frames.MAX_PAYLOAD + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoFramesSplitAtEveryOffset() {
        byte[] stream = ControlCodecTest.concat(Frames.encode(A), Frames.encode(B));
        for (int cut = 0; cut <= stream.length; cut++) {
            FrameDecoder d = new FrameDecoder();
            List<byte[]> got = new ArrayList<>(d.feed(Arrays.copyOfRange(stream, 0, cut)).orElseThrow());
            got.addAll(d.feed(Arrays.copyOfRange(stream, cut, stream.length)).orElseThrow());
            assertThat(got).as("cut at %d", cut).containsExactly(A, B);
            assertThat(d.buffered()).isZero();
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] stream = ControlCodecTest.concat(Frames.encode(B), Frames.encode(A), Frames.encode(C));
        FrameDecoder d = new FrameDecoder();
        List<byte[]> got = new ArrayList<>();
        for (byte b : stream) {
            got.addAll(d.feed(new byte[] {b}).orElseThrow());
        }
        assertThat(got).containsExactly(B, A, C);
    }

    @Test
    void severalFramesInOneChunkAndRandomChunking() {
        byte[] stream = ControlCodecTest.concat(Frames.encode(A), Frames.encode(B), Frames.encode(A), Frames.encode(C));
        assertThat(new FrameDecoder().feed(stream).orElseThrow()).containsExactly(A, B, A, C);
        Random rnd = new Random(1);
        for (int round = 0; round < 50; round++) {
            FrameDecoder d = new FrameDecoder();
            List<byte[]> got = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(stream.length - pos, rnd.nextInt(2000));
                got.addAll(d.feed(stream, pos, n).orElseThrow());
                pos += n;
            }
            assertThat(got).containsExactly(A, B, A, C);
        }
    }

    @Test
    void byteBuffersAreConsumed() {
        byte[] stream = ControlCodecTest.concat(Frames.encode(A), Frames.encode(B));
        ByteBuffer heap = ByteBuffer.wrap(stream, 2, stream.length - 2);
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        FrameDecoder d = new FrameDecoder();
        assertThat(d.feed(ByteBuffer.wrap(stream, 0, 2)).orElseThrow()).isEmpty();
        assertThat(d.feed(heap.slice()).orElseThrow()).containsExactly(A, B);
        assertThat(new FrameDecoder().feed(direct).orElseThrow()).containsExactly(A, B);
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    void zeroLengthIsRefusedAndTheDecoderStaysFailed() {
        FrameDecoder d = new FrameDecoder();
        assertThat(d.feed(Frames.encode(A)).orElseThrow()).containsExactly(A);
        Decoded<List<byte[]>> r = d.feed(new byte[] {0, 0, 0, 0});
        assertThat(r.errorOrNull().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(d.isFailed()).isTrue();
        assertThat(d.feed(Frames.encode(A)).errorOrNull()).isEqualTo(r.errorOrNull());
    }

    @Test
    void lengthsAboveTheMaximumAreRefusedBeforeAnyPayloadArrives() {
        for (long len : new long[] {Frames.MAX_PAYLOAD + 1L, 10L * 1024 * 1024, 0xFFFF_FFFFL, 0x8000_0000L}) {
            FrameDecoder d = new FrameDecoder();
            byte[] prefix = {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
            assertThat(d.feed(prefix, 0, 3).orElseThrow()).isEmpty();
            assertThat(d.feed(prefix, 3, 1).errorOrNull().reason()).as("len %d", len).isEqualTo(Reason.TOO_LARGE);
            assertThat(d.feed(new byte[10]).isOk()).isFalse();
        }
        // the maximum itself is fine
        FrameDecoder d = new FrameDecoder();
        assertThat(d.feed(Frames.encode(C)).orElseThrow()).containsExactly(C);
    }

    @Test
    void aBadLengthAfterGoodFramesInTheSameChunkFails() {
        byte[] stream = ControlCodecTest.concat(Frames.encode(A), new byte[] {0, 1, 0, 1});
        FrameDecoder d = new FrameDecoder();
        assertThat(d.feed(stream).errorOrNull().reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(d.error()).isNotNull();
    }

    @Test
    void badArgumentsAreErrorsNotExceptions() {
        FrameDecoder d = new FrameDecoder();
        assertThat(d.feed(new byte[4], 2, 5).isOk()).isFalse();
        assertThat(d.feed(new byte[4], -1, 1).isOk()).isFalse();
        assertThat(d.feed((byte[]) null).orElseThrow()).isEmpty();
        assertThat(d.isFailed()).isFalse();
    }
}
