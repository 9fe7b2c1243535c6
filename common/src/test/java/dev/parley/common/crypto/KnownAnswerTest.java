package dev.parley.common.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Known answers from the RFCs for every primitive Parley calls, through the code paths Parley uses. */
class KnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", "").replace(":", ""));
    }

    // RFC 5869 appendix A, test cases 1-3
    @ParameterizedTest(name = "RFC 5869 test case {0}")
    @CsvSource({
            "1, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 000102030405060708090a0b0c, f0f1f2f3f4f5f6f7f8f9, 42,"
                    + " 077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5,"
                    + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            "2, 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f,"
                    + " 606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf,"
                    + " b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff,"
                    + " 82, 06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244,"
                    + " b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
            "3, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, '', '', 42,"
                    + " 19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04,"
                    + " 8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    })
    void hkdfRfc5869(int testCase, String ikm, String salt, String info, int length, String prk, String okm) {
        byte[] s = hex(salt == null ? "" : salt);
        byte[] i = hex(info == null ? "" : info);
        assertThat(HEX.formatHex(Hkdf.extract(s, hex(ikm)))).isEqualTo(prk);
        assertThat(HEX.formatHex(Hkdf.expand(hex(prk), i, length))).isEqualTo(okm);
        assertThat(HEX.formatHex(Hkdf.derive(hex(ikm), s, i, length))).isEqualTo(okm);
    }

    // RFC 7748 section 5.2
    @ParameterizedTest(name = "RFC 7748 5.2 vector {index}")
    @CsvSource({
            "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4,"
                    + " e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c,"
                    + " c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
            "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d,"
                    + " e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493,"
                    + " 95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"
    })
    void x25519Rfc7748ScalarMult(String scalar, String u, String expected) {
        JoinKeyPair k = JoinKeyPair.fromPrivateKey(hex(scalar));
        byte[] out = new byte[32];
        assertThat(k.agree(hex(u), out)).isTrue();
        assertThat(HEX.formatHex(out)).isEqualTo(expected);
    }

    // RFC 7748 section 5.2, iterated: k = u = 9, then k, u = X25519(k, u), k
    @Test
    void x25519Rfc7748Iterated() {
        byte[] k = new byte[32];
        byte[] u = new byte[32];
        k[0] = 9;
        u[0] = 9;
        byte[] r = new byte[32];
        for (int i = 1; i <= 1000; i++) {
            X25519.scalarMult(k, 0, u, 0, r, 0);
            System.arraycopy(k, 0, u, 0, 32);
            System.arraycopy(r, 0, k, 0, 32);
            if (i == 1) {
                assertThat(HEX.formatHex(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
            }
        }
        assertThat(HEX.formatHex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    // RFC 7748 section 6.1
    @Test
    void x25519Rfc7748DiffieHellman() {
        JoinKeyPair alice = JoinKeyPair.fromPrivateKey(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        JoinKeyPair bob = JoinKeyPair.fromPrivateKey(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertThat(HEX.formatHex(alice.publicKey())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(HEX.formatHex(bob.publicKey())).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] ab = new byte[32];
        byte[] ba = new byte[32];
        assertThat(alice.agree(bob.publicKey(), ab)).isTrue();
        assertThat(bob.agree(alice.publicKey(), ba)).isTrue();
        assertThat(HEX.formatHex(ab)).isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertThat(ba).isEqualTo(ab);
    }

    // RFC 8032 section 7.1, TEST 1 to 3
    @ParameterizedTest(name = "RFC 8032 TEST {index}")
    @CsvSource({
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                    + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
                    + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                    + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
                    + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
                    + " fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
                    + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
    })
    void ed25519Rfc8032(String seed, String pub, String message, String signature) {
        byte[] msg = hex(message == null ? "" : message);
        IdentityKeyPair id = IdentityKeyPair.fromSeed(hex(seed));
        assertThat(HEX.formatHex(id.publicKey())).isEqualTo(pub);
        assertThat(HEX.formatHex(id.sign(msg))).isEqualTo(signature);
        assertThat(IdentityKeyPair.verify(hex(pub), msg, hex(signature))).isTrue();
        byte[] bad = hex(signature);
        bad[63] ^= 0x01;
        assertThat(IdentityKeyPair.verify(hex(pub), msg, bad)).isFalse();
    }

    // RFC 8439 section 2.8.2, on both engines
    @ParameterizedTest
    @EnumSource(MediaCipher.Engine.class)
    void chacha20Poly1305Rfc8439(MediaCipher.Engine engine) {
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = hex("070000004041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        String ct = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116";
        String tag = "1ae10b594f09e26a7e902ecbd0600691";
        ChaChaPoly aead = ChaChaPoly.create(engine, key);
        byte[] out = new byte[pt.length + 16];
        assertThat(aead.seal(nonce, aad, 0, aad.length, pt, 0, pt.length, out, 0)).isEqualTo(out.length);
        assertThat(HEX.formatHex(out)).isEqualTo(ct + tag);
        byte[] back = new byte[pt.length];
        assertThat(aead.open(nonce, aad, 0, aad.length, out, 0, out.length, back, 0)).isTrue();
        assertThat(back).isEqualTo(pt);
        out[5] ^= 0x20;
        assertThat(aead.open(nonce, aad, 0, aad.length, out, 0, out.length, back, 0)).isFalse();
        assertThat(back).containsOnly(0);
    }
}
