package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import dev.parley.common.cbor.CborReader;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.fuzz.DecodersFuzzTest.Decoder;
import dev.parley.common.wire.ControlCodec;
import dev.parley.common.wire.Frames;
import dev.parley.common.wire.MediaDatagrams;
import dev.parley.common.wire.VideoChunk;
import dev.parley.common.wire.WireSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed corpora of the fuzz harnesses: valid encodings made by the codecs, stored as files
 * {@code seed-*} in the inputs directories Jazzer replays in regression mode and starts from when
 * fuzzing ({@code src/test/resources/dev/parley/common/fuzz/<Class>Inputs/<method>/}).
 *
 * <p>To rewrite them after a codec change: {@code ./mvnw -o -q -B -pl common test
 * -Dtest=SeedCorpusTest -Dparley.fuzz.writeSeeds=true}. Crash inputs ({@code crash-*}) are left alone.
 */
class SeedCorpusTest {
    private static final String PREFIX = "seed-";
    private static final Path SOURCE_DIR = Path.of("src/test/resources/dev/parley/common/fuzz");

    /** CBOR items of every major type and encoding form the reader accepts. */
    private static final Map<String, String> CBOR = ordered(
            "map", "a26161016162820203",
            "map-indefinite", "bf61610161629f0203ffff",
            "array-with-indefinite-map", "826161bf61626163ff",
            "array-indefinite-nested", "9f018202039f0405ffff",
            "bytes-indefinite", "5f42010243030405ff",
            "text-indefinite", "7f657374726561646d696e67ff",
            "map-five-keys", "a56161614161626142616361436164614461656145",
            "float64", "fb3ff199999999999a",
            "float16", "f97bff",
            "uint64-max", "1bffffffffffffffff",
            "negint64-max", "3bffffffffffffffff",
            "text-4-byte-utf8", "64f0908591",
            "simple-255", "f8ff",
            "array-25", "98190102030405060708090a0b0c0d0e0f101112131415161718181819");

    static Map<String, byte[]> cborSeeds() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        CBOR.forEach((name, hex) -> out.put(name, HexFormat.of().parseHex(hex)));
        out.put("hello-message", ControlCodec.encode(WireSamples.allMessages().get(0)));
        out.put("peer-list-message", ControlCodec.encode(WireSamples.allMessages().get(5)));
        return out;
    }

    /** One encoding of each sample message. */
    static Map<String, byte[]> controlSeeds() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<ControlMessage> all = WireSamples.allMessages();
        for (int i = 0; i < all.size(); i++) {
            out.put(String.format(Locale.ROOT, "%02d-%s", i, all.get(i).getClass().getSimpleName()),
                    ControlCodec.encode(all.get(i)));
        }
        return out;
    }

    /** Frame streams cut into chunks, in the layout {@link DecoderChecks#frames} reads. */
    static Map<String, byte[]> frameSeeds() {
        List<byte[]> payloads = WireSamples.allMessages().stream().map(ControlCodec::encode).toList();
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("one-frame-one-chunk", chunked(Frames.encode(payloads.get(0)), MAX));
        out.put("three-frames-small-chunks", chunked(concat(Frames.encode(payloads.get(0)),
                Frames.encode(payloads.get(1)), Frames.encode(payloads.get(3))), 1, 3, 4, 7, 2, 40));
        out.put("prefix-split-byte-by-byte", chunked(Frames.encode(payloads.get(9)), 1, 1, 1, 1, MAX));
        out.put("large-frame", chunked(Frames.encode(payloads.get(12)), MAX, 100));
        out.put("one-byte-payload", chunked(Frames.encode(new byte[] {(byte) 0xF6}), 5));
        return out;
    }

    private static final int MAX = DecoderChecks.MAX_CHUNK;

    static Map<String, byte[]> datagramSeeds() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("audio-ct16", MediaDatagrams.encode(WireSamples.header(MediaKind.AUDIO, 16), new byte[16]));
        out.put("video-ct200", MediaDatagrams.encode(WireSamples.header(MediaKind.VIDEO, 200),
                WireSamples.bytes(200, 1)));
        out.put("video-max", MediaDatagrams.encode(WireSamples.header(MediaKind.VIDEO, MediaHeader.MAX_CIPHERTEXT),
                WireSamples.bytes(MediaHeader.MAX_CIPHERTEXT, 7)));
        return out;
    }

    static Map<String, byte[]> videoChunkSeeds() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("vp8-keyframe", new VideoChunk(5, 0, 1, 1, VideoChunk.VP8, WireSamples.bytes(30, 2)).encode());
        out.put("h264-empty", new VideoChunk(0xFFFF_FFFFL, 3, 9, 0, VideoChunk.H264, new byte[0]).encode());
        out.put("jpeg-max", new VideoChunk(77, 65534, 65535, 0xFE, VideoChunk.JPEG,
                WireSamples.bytes(VideoChunk.MAX_BYTES, 3)).encode());
        return out;
    }

    /** Every harness's seeds by inputs directory, relative to this package. */
    static Map<String, Map<String, byte[]>> all() {
        Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
        out.put("CborReaderFuzzTestInputs/decode", cborSeeds());
        out.put("ControlCodecFuzzTestInputs/decode", controlSeeds());
        out.put("FrameDecoderFuzzTestInputs/feed", frameSeeds());
        out.put("MediaDatagramsFuzzTestInputs/parse", datagramSeeds());
        out.put("VideoChunkFuzzTestInputs/decode", videoChunkSeeds());
        Map<String, byte[]> any = new LinkedHashMap<>();
        addSelected(any, Decoder.CBOR, cborSeeds());
        addSelected(any, Decoder.CONTROL, controlSeeds());
        addSelected(any, Decoder.FRAMES, frameSeeds());
        addSelected(any, Decoder.DATAGRAM, datagramSeeds());
        addSelected(any, Decoder.VIDEO_CHUNK, videoChunkSeeds());
        out.put("DecodersFuzzTestInputs/anyDecoder", any);
        return out;
    }

    /** The dispatching harness reads its selector from the last byte. */
    private static void addSelected(Map<String, byte[]> into, Decoder d, Map<String, byte[]> seeds) {
        seeds.forEach((name, bytes) -> into.put(d.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + name,
                concat(bytes, new byte[] {(byte) d.ordinal()})));
    }

    @Test
    @EnabledIfSystemProperty(named = "parley.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        for (Map.Entry<String, Map<String, byte[]>> dir : all().entrySet()) {
            Path target = SOURCE_DIR.resolve(dir.getKey());
            Files.createDirectories(target);
            try (Stream<Path> old = Files.list(target)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, byte[]> seed : dir.getValue().entrySet()) {
                Files.write(target.resolve(PREFIX + seed.getKey()), seed.getValue());
            }
        }
    }

    /** The committed seeds are what their harness needs: valid input that reaches the decoder's Ok path. */
    @Test
    void committedSeedsAreValidInputs() throws IOException, URISyntaxException {
        assertSeeds("CborReaderFuzzTestInputs/decode", b -> CborReader.decode(b).isOk());
        assertSeeds("ControlCodecFuzzTestInputs/decode", b -> ControlCodec.decode(b).isOk());
        assertSeeds("FrameDecoderFuzzTestInputs/feed", SeedCorpusTest::framesOk);
        assertSeeds("MediaDatagramsFuzzTestInputs/parse", b -> MediaDatagrams.parse(b).isOk());
        assertSeeds("VideoChunkFuzzTestInputs/decode", b -> VideoChunk.decode(b).isOk());
        assertSeeds("RoomLinksFuzzTestInputs/parse", b -> dev.parley.common.crypto.RoomLinks.parse(
                new String(b, java.nio.charset.StandardCharsets.UTF_8)).isOk());
        assertSeeds("DecodersFuzzTestInputs/anyDecoder", b -> {
            byte[] rest = Arrays.copyOf(b, b.length - 1);
            return switch (Decoder.values()[b[b.length - 1]]) {
                case CBOR -> CborReader.decode(rest).isOk();
                case CONTROL -> ControlCodec.decode(rest).isOk();
                case FRAMES -> framesOk(rest);
                case DATAGRAM -> MediaDatagrams.parse(rest).isOk();
                case VIDEO_CHUNK -> VideoChunk.decode(rest).isOk();
                case ROOM_LINK -> dev.parley.common.crypto.RoomLinks.parse(
                        new String(rest, java.nio.charset.StandardCharsets.US_ASCII)).isOk();
            };
        });
    }

    private static boolean framesOk(byte[] seed) {
        List<byte[]> payloads = DecoderChecks.frames(FuzzedDataProviderImpl.withJavaData(seed));
        return payloads != null && !payloads.isEmpty();
    }

    private interface Valid {
        boolean test(byte[] seed);
    }

    private static void assertSeeds(String dir, Valid valid) throws IOException, URISyntaxException {
        URL url = SeedCorpusTest.class.getResource(dir);
        assertThat(url).as("inputs directory %s on the test class path", dir).isNotNull();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            files = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().toList();
        }
        assertThat(files).as("seeds in %s", dir).hasSizeGreaterThanOrEqualTo(3);
        for (Path f : files) {
            assertThat(valid.test(Files.readAllBytes(f))).as("%s/%s is a valid input", dir, f.getFileName()).isTrue();
        }
    }

    /** {@code stream} cut into chunks of the given sizes (the last repeated), then one byte per chunk. */
    static byte[] chunked(byte[] stream, int... sizes) {
        ByteArrayOutputStream sizeBytes = new ByteArrayOutputStream();
        int pos = 0;
        int i = 0;
        Deque<Integer> taken = new ArrayDeque<>();
        while (pos < stream.length) {
            int n = Math.min(sizes[Math.min(i++, sizes.length - 1)], stream.length - pos);
            taken.push(n);
            pos += n;
        }
        // consumed from the end: the first chunk's size is the last byte
        for (int n : taken) {
            sizeBytes.write(n - 1);
        }
        return concat(stream, sizeBytes.toByteArray());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
