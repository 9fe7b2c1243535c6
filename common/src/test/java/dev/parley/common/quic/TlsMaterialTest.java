package dev.parley.common.quic;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsMaterialTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateHasAPinShapedFingerprintAndAMatchingKey() throws Exception {
        TlsMaterial m = TlsMaterial.generateSelfSigned("relay.example", Duration.ofDays(1));
        assertThat(m.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(CertificateFingerprint.isWellFormed(m.fingerprint())).isTrue();
        m.certificate().verify(m.certificate().getPublicKey());
        Signature sig = Signature.getInstance("SHA256withECDSA");
        sig.initSign(m.privateKey());
        sig.update(new byte[] {1, 2, 3});
        byte[] s = sig.sign();
        sig.initVerify(m.certificate());
        sig.update(new byte[] {1, 2, 3});
        assertThat(sig.verify(s)).isTrue();
        assertThat(m.toString()).doesNotContain("BEGIN").contains("redacted");
    }

    @Test
    void pemRoundTripKeepsTheFingerprintAndTheKeyIsPrivate() throws Exception {
        TlsMaterial m = TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(1));
        Path cert = dir.resolve("c.pem");
        Path key = dir.resolve("k.pem");
        m.writePem(cert, key);
        TlsMaterial loaded = TlsMaterial.loadPem(cert, key);
        assertThat(loaded.fingerprint()).isEqualTo(m.fingerprint());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(m.privateKey().getEncoded());
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void loadOrGenerateStoresOnceAndReusesTheSameCertificate() throws Exception {
        Path tls = dir.resolve("config/tls");
        TlsMaterial.Loaded first = TlsMaterial.loadOrGenerate(tls, "localhost");
        TlsMaterial.Loaded second = TlsMaterial.loadOrGenerate(tls, "localhost");
        assertThat(first.generated()).isTrue();
        assertThat(second.generated()).isFalse();
        assertThat(second.material().fingerprint()).isEqualTo(first.material().fingerprint());
        try (var files = Files.list(tls)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(TlsMaterial.CERTIFICATE_FILE, TlsMaterial.PRIVATE_KEY_FILE);
        }
    }

    @Test
    void readsTraditionalRsaKeysAndFullChains() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var pair = rsa.generateKeyPair();
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(pair); // "BEGIN RSA PRIVATE KEY", the traditional form
        }
        Path key = dir.resolve("rsa.pem");
        Files.writeString(key, w.toString());
        assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");

        TlsMaterial a = TlsMaterial.generateSelfSigned("a", Duration.ofDays(1));
        TlsMaterial b = TlsMaterial.generateSelfSigned("b", Duration.ofDays(1));
        Path chain = dir.resolve("chain.pem");
        new TlsMaterial(a.privateKey(), List.of(a.certificate(), b.certificate())).writePem(chain, dir.resolve("x"));
        TlsMaterial loaded = TlsMaterial.loadPem(chain, key);
        assertThat(loaded.chain()).hasSize(2);
        assertThat(loaded.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(loaded.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void missingOrEmptyFilesAreReportedAsIoErrors() throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> TlsMaterial.loadPem(empty, empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("no certificate");
        TlsMaterial m = TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(1));
        Path cert = dir.resolve("c.pem");
        m.writePem(cert, dir.resolve("k.pem"));
        assertThatThrownBy(() -> TlsMaterial.loadPem(cert, empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> TlsMaterial.loadPem(dir.resolve("nope"), empty)).isInstanceOf(IOException.class);
    }
}
