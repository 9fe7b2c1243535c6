package dev.parley.common.crypto;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes every output in {@code vectors/parley-v1-vectors.json} from that file's inputs.
 * Run with {@code -Dparley.vectors.write=true} to rewrite the file from {@link ParleyV1Vectors#defaultInputs()}.
 */
class VectorsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() throws IOException {
        try (InputStream in = VectorsTest.class.getResourceAsStream(ParleyV1Vectors.RESOURCE)) {
            assertThat(in).as("vector file on the test classpath").isNotNull();
            return MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyOutputRecomputesFromItsInputs() throws IOException {
        Map<String, Object> vectors = (Map<String, Object>) load().get("vectors");
        assertThat(vectors).containsOnlyKeys(ParleyV1Vectors.defaultInputs().keySet());
        return vectors.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> v = (Map<String, Object>) e.getValue();
            Map<String, String> inputs = (Map<String, String>) v.get("inputs");
            Map<String, String> outputs = (Map<String, String>) v.get("outputs");
            Map<String, String> computed = ParleyV1Vectors.outputs(e.getKey(), inputs);
            assertThat(computed).containsExactlyEntriesOf(outputs);
        }));
    }

    @Test
    void fileWasMadeFromTheDocumentedInputs() throws IOException {
        if (Boolean.getBoolean("parley.vectors.write")) {
            Path file = Path.of("src/test/resources" + ParleyV1Vectors.RESOURCE);
            Files.writeString(file, MiniJson.write(ParleyV1Vectors.document(ParleyV1Vectors.defaultInputs())));
        }
        assertThat(load()).isEqualTo(MiniJson.parse(MiniJson.write(ParleyV1Vectors.document(ParleyV1Vectors.defaultInputs()))));
    }

    @Test
    void outputsAgreeWithTheIndependentReferences() throws Exception {
        // the sealed key in the file, recomputed on SunEC/SunJCE rather than Bouncy Castle
        Map<String, String> in = ParleyV1Vectors.defaultInputs().get("sealed_sender_key");
        Map<String, String> out = ParleyV1Vectors.outputs("sealed_sender_key", in);
        JoinKeyPair eph = JoinKeyPair.fromPrivateKey(java.util.HexFormat.of().parseHex(in.get("ephemeral_x25519_private")));
        byte[] rPub = java.util.HexFormat.of().parseHex(out.get("recipient_x25519_pub"));
        assertThat(java.util.HexFormat.of().formatHex(JdkReference.x25519(eph, rPub))).isEqualTo(out.get("shared_secret"));
        // the media header from the wire codec equals the one written out from the section 6 table
        Map<String, String> media = ParleyV1Vectors.outputs("media_datagram", ParleyV1Vectors.defaultInputs().get("media_datagram"));
        assertThat(media.get("header")).isEqualTo("beef01" + media.get("room_id") + "0000000000000001" + "01" + "11223344"
                + "0002" + "0000f000" + "00000005" + "0001" + "0074");
        assertThat(media.get("datagram")).startsWith(media.get("header"));
        assertThat(List.of(media.get("datagram").length())).containsExactly(2 * (38 + 100 + 16));
    }
}
