package dev.parley.common.crypto;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {
    private static final byte[] PUB_A = IdentityKeyPair.fromSeed(new byte[32]).publicKey();
    private static final byte[] PUB_B = IdentityKeyPair.fromSeed(HexFormat.of().parseHex(
            "0101010101010101010101010101010101010101010101010101010101010101")).publicKey();

    @Test
    void fingerprintIsThirtyDigitsAndMatchesSectionEightWrittenOut() throws Exception {
        String fp = Fingerprints.fingerprint(PUB_A);
        assertThat(fp).hasSize(30).containsOnlyDigits();
        // the same algorithm spelled out independently, with BigInteger instead of shifts
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        byte[] h = Bytes.concat("parley/v1 fingerprint".getBytes("UTF-8"), PUB_A);
        for (int i = 0; i < 5200; i++) {
            h = sha.digest(Bytes.concat(h, PUB_A));
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 6; g++) {
            byte[] five = java.util.Arrays.copyOfRange(h, 5 * g, 5 * g + 5);
            sb.append(String.format("%05d", new java.math.BigInteger(1, five).mod(java.math.BigInteger.valueOf(100000))));
        }
        assertThat(fp).isEqualTo(sb.toString());
    }

    @Test
    void safetyNumberIsSymmetricSmallerFirst() {
        String a = Fingerprints.fingerprint(PUB_A);
        String b = Fingerprints.fingerprint(PUB_B);
        String sn = Fingerprints.safetyNumber(PUB_A, PUB_B);
        assertThat(sn).hasSize(60).isEqualTo(Fingerprints.safetyNumber(PUB_B, PUB_A));
        assertThat(sn).isEqualTo(new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) <= 0 ? a + b : b + a);
    }

    @Test
    void groupsOfFive() {
        String sn = Fingerprints.safetyNumber(PUB_A, PUB_B);
        String grouped = Fingerprints.grouped(sn);
        assertThat(grouped.split(" ")).hasSize(12).allSatisfy(g -> assertThat(g).hasSize(5));
        assertThat(grouped.replace(" ", "")).isEqualTo(sn);
        assertThat(Fingerprints.grouped(Fingerprints.fingerprint(PUB_A)).split(" ")).hasSize(6);
    }

    @Test
    void differentKeysDifferentFingerprints() {
        assertThat(Fingerprints.fingerprint(PUB_A)).isNotEqualTo(Fingerprints.fingerprint(PUB_B));
    }
}
