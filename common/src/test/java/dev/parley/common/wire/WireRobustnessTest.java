package dev.parley.common.wire;

import dev.parley.common.cbor.CborReader;
import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.cbor.Mutator;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes and mutations of valid encodings, fed to every wire decoder: the answer is always
 * Ok or Failed, never an exception, and what is accepted is consistent with the encoders. Each
 * check runs {@link #TRIES} seeded cases per input kind; a failure names the seed and the input.
 */
class WireRobustnessTest {
    static final int TRIES = 2_000;

    private static final List<byte[]> CONTROL = WireSamples.allMessages().stream().map(ControlCodec::encode).toList();

    @Test
    void controlCodecNeverThrows() {
        for (int seed = 0; seed < TRIES; seed++) {
            Mutator m = new Mutator(seed);
            checkControl(seed, m.randomBytes(128));
            checkControl(seed, m.mutate(CONTROL.get(m.random().nextInt(CONTROL.size()))));
        }
    }

    /** Structure-aware: replace or drop one value anywhere in a valid message's CBOR tree. */
    @Test
    void controlCodecNeverThrowsOnWellFormedButWrongTrees() {
        List<CborValue> trees = CONTROL.stream().map(b -> CborReader.decode(b).orElseThrow()).toList();
        int accepted = 0;
        for (int seed = 0; seed < TRIES; seed++) {
            Mutator m = new Mutator(seed);
            CborValue tree = mutateTree(trees.get(m.random().nextInt(trees.size())), m.random(), 0);
            byte[] input = CborWriter.encode(tree);
            checkControl(seed, input);
            accepted += ControlCodec.decode(input).isOk() ? 1 : 0;
        }
        assertThat(accepted).as("some mutated trees are still valid messages").isPositive();
    }

    private static CborValue mutateTree(CborValue v, Random rnd, int depth) {
        if (v instanceof CborValue.MapValue map && !map.entries().isEmpty() && rnd.nextInt(4) != 0) {
            List<String> keys = new ArrayList<>(map.entries().keySet());
            String key = keys.get(rnd.nextInt(keys.size()));
            Map<String, CborValue> copy = new LinkedHashMap<>(map.entries());
            if (rnd.nextInt(8) == 0) {
                copy.remove(key);
            } else {
                copy.put(key, mutateTree(copy.get(key), rnd, depth + 1));
            }
            return new CborValue.MapValue(copy);
        }
        if (v instanceof CborValue.Array arr && !arr.items().isEmpty() && rnd.nextInt(4) != 0) {
            List<CborValue> copy = new ArrayList<>(arr.items());
            int i = rnd.nextInt(copy.size());
            copy.set(i, mutateTree(copy.get(i), rnd, depth + 1));
            return new CborValue.Array(copy);
        }
        return randomValue(rnd, depth);
    }

    private static CborValue randomValue(Random rnd, int depth) {
        long[] edges = {0, 1, 23, 24, 255, 256, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -1L};
        return switch (rnd.nextInt(depth > 6 ? 9 : 11)) {
            case 0 -> new CborValue.UInt(edges[rnd.nextInt(edges.length)]);
            case 1 -> new CborValue.UInt(rnd.nextLong());
            case 2 -> new CborValue.NegInt(edges[rnd.nextInt(edges.length)]);
            case 3 -> new CborValue.Bytes(new byte[new int[] {0, 27, 28, 31, 32, 33, 63, 64, 65, 79, 80, 81, 1024, 1025}[rnd.nextInt(14)]]);
            case 4 -> new CborValue.Text(new String[] {"", "Leave", "PeerLeft", "x", "CHACHA20-POLY1305", "\u00fc"}[rnd.nextInt(6)]);
            case 5 -> new CborValue.FloatValue(new double[] {0.0, -0.0, 0.5, 1.0, 1.5, -1.0, Double.NaN,
                    Double.POSITIVE_INFINITY, 1e300}[rnd.nextInt(9)]);
            case 6 -> new CborValue.Bool(rnd.nextBoolean());
            case 7 -> rnd.nextBoolean() ? new CborValue.Null() : new CborValue.Undefined();
            case 8 -> new CborValue.Simple(rnd.nextBoolean() ? 0 : 255);
            case 9 -> new CborValue.Array(List.of(randomValue(rnd, depth + 1), randomValue(rnd, depth + 1)));
            default -> new CborValue.MapValue(Map.of("peer_id", randomValue(rnd, depth + 1), "k", randomValue(rnd, depth + 1)));
        };
    }

    private static void checkControl(long seed, byte[] input) {
        Decoded<ControlMessage> d = safely(seed, input, () -> ControlCodec.decode(input));
        if (d instanceof Decoded.Ok<ControlMessage> ok) {
            byte[] again = ControlCodec.encode(ok.value());
            assertThat(ControlCodec.decode(again).orElseThrow()).as("seed %d", seed).isEqualTo(ok.value());
        }
    }

    @Test
    void frameDecoderNeverThrowsAndIgnoresChunking() {
        List<byte[]> streams = new ArrayList<>();
        for (byte[] payload : CONTROL) {
            streams.add(Frames.encode(payload));
        }
        streams.add(ControlCodecTest.concat(Frames.encode(CONTROL.get(0)), Frames.encode(CONTROL.get(1)),
                Frames.encode(CONTROL.get(2))));
        for (int seed = 0; seed < TRIES; seed++) {
            Mutator m = new Mutator(seed);
            checkFrames(seed, m, m.randomBytes(64));
            checkFrames(seed, m, m.mutate(streams.get(m.random().nextInt(streams.size()))));
        }
    }

    private static void checkFrames(long seed, Mutator m, byte[] input) {
        Decoded<List<byte[]>> whole = safely(seed, input, () -> new FrameDecoder().feed(input));
        FrameDecoder split = new FrameDecoder();
        List<byte[]> pieces = new ArrayList<>();
        int pos = 0;
        boolean failed = false;
        while (pos < input.length) {
            int n = Math.min(input.length - pos, 1 + m.random().nextInt(40));
            int from = pos;
            Decoded<List<byte[]>> r = safely(seed, input, () -> split.feed(input, from, n));
            if (r.isOk()) {
                pieces.addAll(r.orElseThrow());
            } else {
                failed = true;
            }
            pos += n;
        }
        assertThat(failed).as("seed %d", seed).isEqualTo(!whole.isOk());
        if (whole.isOk()) {
            assertThat(pieces).as("seed %d", seed).containsExactlyElementsOf(whole.orElseThrow());
        }
    }

    @Test
    void datagramParserNeverThrows() {
        List<byte[]> valid = List.of(
                MediaDatagrams.encode(WireSamples.header(MediaKind.AUDIO, 16), new byte[16]),
                MediaDatagrams.encode(WireSamples.header(MediaKind.VIDEO, 200), WireSamples.bytes(200, 1)),
                MediaDatagrams.encode(WireSamples.header(MediaKind.VIDEO, MediaHeader.MAX_CIPHERTEXT),
                        new byte[MediaHeader.MAX_CIPHERTEXT]));
        for (int seed = 0; seed < TRIES; seed++) {
            Mutator m = new Mutator(seed);
            checkDatagram(seed, m.randomBytes(120));
            checkDatagram(seed, m.mutate(valid.get(m.random().nextInt(valid.size()))));
        }
    }

    private static void checkDatagram(long seed, byte[] input) {
        Decoded<MediaHeader> d = safely(seed, input, () -> MediaDatagrams.parse(input));
        if (d instanceof Decoded.Ok<MediaHeader> ok) {
            assertThat(MediaDatagrams.encodeHeader(ok.value())).as("seed %d", seed)
                    .isEqualTo(Arrays.copyOf(input, MediaHeader.LENGTH));
            assertThat(ok.value().datagramLength()).isEqualTo(input.length);
        }
    }

    @Test
    void videoChunkDecoderNeverThrows() {
        List<byte[]> valid = List.of(
                new VideoChunk(5, 0, 1, 1, VideoChunk.VP8, WireSamples.bytes(30, 2)).encode(),
                new VideoChunk(0xFFFF_FFFFL, 3, 9, 0, VideoChunk.H264, new byte[0]).encode());
        for (int seed = 0; seed < TRIES; seed++) {
            Mutator m = new Mutator(seed);
            checkChunk(seed, m.randomBytes(40));
            checkChunk(seed, m.mutate(valid.get(m.random().nextInt(valid.size()))));
        }
    }

    private static void checkChunk(long seed, byte[] input) {
        Decoded<VideoChunk> d = safely(seed, input, () -> VideoChunk.decode(input));
        if (d instanceof Decoded.Ok<VideoChunk> ok) {
            assertThat(ok.value().encode()).as("seed %d", seed).isEqualTo(input);
        }
    }

    private static <T> Decoded<T> safely(long seed, byte[] input, Supplier<Decoded<T>> decode) {
        Decoded<T> d;
        try {
            d = decode.get();
        } catch (Throwable t) {
            throw new AssertionError("seed " + seed + " input " + Mutator.hex(input) + " threw " + t, t);
        }
        assertThat(d).as("seed %d", seed).isNotNull();
        if (!d.isOk()) {
            assertThat(d.errorOrNull()).as("seed %d", seed).isNotNull();
            assertThat(d.errorOrNull().message()).as("seed %d", seed).isNotBlank();
        }
        return d;
    }
}
