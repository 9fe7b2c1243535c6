package dev.parley.common.crypto;

import dev.parley.common.crypto.MediaCipher.Engine;
import dev.parley.common.crypto.MediaOpenResult.Failed;
import dev.parley.common.crypto.MediaOpenResult.Opened;
import dev.parley.common.crypto.MediaOpenResult.Reason;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static MediaHeader header(long index, long keyId, int ptLen) {
        return new MediaHeader(0x1234_5678_9ABCL, 42, MediaKind.AUDIO, 0xCAFEBABEL, index, 960L * index, keyId, ptLen + 16);
    }

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        RANDOM.nextBytes(p);
        return p;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void roundTrip(Engine engine) {
        SenderKey key = SenderKey.generate(new KeyId(3), RANDOM);
        MediaCipher sender = MediaCipher.create(key, engine);
        MediaCipher receiver = MediaCipher.create(SenderKey.fromSecret(new KeyId(3), key.secretRef()), engine);
        for (int i = 0; i < 50; i++) {
            byte[] pt = payload(i * 20);
            byte[] h = TestHeaders.encode(header(i, 3, pt.length));
            byte[] dgram = sender.seal(h, pt);
            assertThat(dgram).hasSize(38 + pt.length + 16);
            assertThat(Arrays.copyOf(dgram, 38)).isEqualTo(h);
            MediaOpenResult r = receiver.open(dgram);
            assertThat(r).isInstanceOf(Opened.class);
            assertThat(((Opened) r).plaintext()).isEqualTo(pt);
        }
    }

    @Test
    void bothEnginesProduceTheSameBytes() {
        SenderKey a = SenderKey.generate(new KeyId(0), RANDOM);
        SenderKey b = SenderKey.fromSecret(new KeyId(0), a.secretRef());
        byte[] pt = payload(100);
        byte[] h = TestHeaders.encode(header(7, 0, 100));
        byte[] jdk = MediaCipher.create(a, Engine.JDK).seal(h, pt);
        byte[] bc = MediaCipher.create(b, Engine.BOUNCY_CASTLE).seal(h, pt);
        assertThat(bc).isEqualTo(jdk);
        assertThat(((Opened) MediaCipher.create(a, Engine.BOUNCY_CASTLE).open(jdk)).plaintext()).isEqualTo(pt);
        assertThat(((Opened) MediaCipher.create(a, Engine.JDK).open(bc)).plaintext()).isEqualTo(pt);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everySingleBitFlipFailsToOpen(Engine engine) {
        SenderKey key = SenderKey.generate(new KeyId(9), RANDOM);
        MediaCipher c = MediaCipher.create(key, engine);
        byte[] pt = payload(100);
        byte[] dgram = c.seal(TestHeaders.encode(header(1, 9, 100)), pt);
        byte[] out = new byte[200];
        for (int bit = 0; bit < dgram.length * 8; bit++) {
            byte[] bad = dgram.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Arrays.fill(out, (byte) 0x55);
            MediaOpenResult r = c.open(bad, 0, bad.length, out, 0);
            assertThat(r).as("bit %d", bit).isInstanceOf(Failed.class);
            if (((Failed) r).reason() == Reason.AUTHENTICATION_FAILED) {
                assertThat(Arrays.copyOf(out, 100)).as("no unauthenticated plaintext left, bit %d", bit).containsOnly(0);
            }
        }
        assertThat(c.open(dgram)).isInstanceOf(Opened.class);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void wrongKeyFails(Engine engine) {
        MediaCipher a = MediaCipher.create(SenderKey.generate(new KeyId(1), RANDOM), engine);
        MediaCipher b = MediaCipher.create(SenderKey.generate(new KeyId(1), RANDOM), engine);
        byte[] dgram = a.seal(TestHeaders.encode(header(0, 1, 10)), payload(10));
        assertThat(b.open(dgram)).isEqualTo(Failed.of(Reason.AUTHENTICATION_FAILED));
        MediaCipher otherId = MediaCipher.create(SenderKey.generate(new KeyId(2), RANDOM), engine);
        assertThat(otherId.open(dgram)).isEqualTo(Failed.of(Reason.WRONG_KEY_ID));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSameDatagramOpensTwice(Engine engine) {
        // SunJCE refuses a re-init with the previous key and nonce even to decrypt: a duplicated
        // datagram must still reach the replay window as a clean result, not an exception
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher c = MediaCipher.create(key, engine);
        byte[] dgram = c.seal(TestHeaders.encode(header(0, 1, 10)), payload(10));
        assertThat(c.open(dgram)).isInstanceOf(Opened.class);
        assertThat(c.open(dgram)).isInstanceOf(Opened.class);
        byte[] bad = dgram.clone();
        bad[50] ^= 1;
        assertThat(c.open(bad)).isEqualTo(Failed.of(Reason.AUTHENTICATION_FAILED));
        assertThat(c.open(dgram)).isInstanceOf(Opened.class);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesToSealAPacketIndexTwice(Engine engine) {
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher c = MediaCipher.create(key, engine);
        MediaCipher sameKeyOtherThread = MediaCipher.create(key, engine);
        c.seal(TestHeaders.encode(header(5, 1, 10)), payload(10));
        assertThatThrownBy(() -> c.seal(TestHeaders.encode(header(5, 1, 10)), payload(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reuse a nonce");
        assertThatThrownBy(() -> sameKeyOtherThread.seal(TestHeaders.encode(header(4, 1, 10)), payload(10)))
                .isInstanceOf(IllegalStateException.class);
        c.seal(TestHeaders.encode(header(6, 1, 10)), payload(10));
        // another stream of the same sender has its own counter
        MediaHeader video = new MediaHeader(1, 42, MediaKind.VIDEO, 77, 0, 0, 1, 26);
        c.seal(TestHeaders.encode(video), payload(10));
        // a new key starts afresh on the same stream (the index does not restart, but may be reused under a new key)
        MediaCipher next = MediaCipher.create(SenderKey.generate(new KeyId(2), RANDOM), engine);
        next.seal(TestHeaders.encode(header(6, 2, 10)), payload(10));
    }

    @Test
    void sealRefusesHeadersThatDoNotFit() {
        MediaCipher c = MediaCipher.create(SenderKey.generate(new KeyId(1), RANDOM));
        assertThatThrownBy(() -> c.seal(TestHeaders.encode(header(0, 1, 11)), payload(10)))
                .hasMessageContaining("ct_len");
        assertThatThrownBy(() -> c.seal(TestHeaders.encode(header(0, 2, 10)), payload(10)))
                .hasMessageContaining("key_id");
        assertThatThrownBy(() -> c.seal(new byte[37], payload(10))).hasMessageContaining("38 bytes");
        byte[] h = TestHeaders.encode(header(0, 1, 10));
        h[2] = 2;
        assertThatThrownBy(() -> c.seal(h, payload(10))).hasMessageContaining("version");
        assertThatThrownBy(() -> c.seal(TestHeaders.encode(header(0, 1, 10)), payload(MediaCipher.MAX_PLAINTEXT + 1)))
                .hasMessageContaining("plaintext");
    }

    @Test
    void openRefusesMalformedDatagrams() {
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher c = MediaCipher.create(key);
        byte[] dgram = c.seal(TestHeaders.encode(header(0, 1, 10)), payload(10));
        assertThat(c.open(Arrays.copyOf(dgram, 53))).isEqualTo(Failed.of(Reason.MALFORMED));
        assertThat(c.open(Arrays.copyOf(dgram, dgram.length - 1))).isEqualTo(Failed.of(Reason.MALFORMED));
        assertThat(c.open(Arrays.copyOf(dgram, dgram.length + 1))).isEqualTo(Failed.of(Reason.MALFORMED));
        assertThat(c.open(new byte[1101])).isEqualTo(Failed.of(Reason.MALFORMED));
        byte[] kind = dgram.clone();
        kind[19] = 3;
        assertThat(c.open(kind)).isEqualTo(Failed.of(Reason.MALFORMED));
    }

    @Test
    void sealsAndOpensInPlaceAndAtOffsets() {
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher c = MediaCipher.create(key);
        byte[] pt = payload(100);
        byte[] buf = new byte[300];
        byte[] h = TestHeaders.encode(header(0, 1, 100));
        int n = c.seal(h, pt, 0, 100, buf, 10);
        assertThat(n).isEqualTo(154);
        byte[] out = new byte[120];
        MediaOpenResult r = c.open(buf, 10, n, out, 5);
        assertThat(r).isEqualTo(new Opened(out, 5, 100));
        assertThat(((Opened) r).plaintext()).isEqualTo(pt);
        // in place: header and plaintext already in the output buffer
        byte[] inPlace = new byte[154];
        byte[] h1 = TestHeaders.encode(header(1, 1, 100));
        System.arraycopy(h1, 0, inPlace, 0, 38);
        System.arraycopy(pt, 0, inPlace, 38, 100);
        c.seal(inPlace, inPlace, 38, 100, inPlace, 0);
        assertThat(((Opened) c.open(inPlace)).plaintext()).isEqualTo(pt);
    }

    @Test
    void nonceIsSaltXorStreamPosition() throws Exception {
        // two packets whose header fields differ only in the timestamp get different keystreams
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher c = MediaCipher.create(key);
        byte[] zeros = new byte[32];
        byte[] a = c.seal(TestHeaders.encode(new MediaHeader(1, 1, MediaKind.AUDIO, 1, 0, 0, 1, 48)), zeros);
        byte[] b = c.seal(TestHeaders.encode(new MediaHeader(1, 1, MediaKind.AUDIO, 1, 1, 0, 1, 48)), zeros);
        assertThat(Arrays.copyOfRange(a, 38, 70)).isNotEqualTo(Arrays.copyOfRange(b, 38, 70));
        // and the keystream is the ChaCha20 block for media_key and the spec's nonce (counter 1)
        byte[] nonce = key.mediaSaltRef().clone();
        nonce[4 + 3] ^= 1; // u16(seq_hi) || u16(seq) = 0x00000001
        nonce[3] ^= 1;     // u32(ssrc) = 1
        javax.crypto.Cipher chacha = javax.crypto.Cipher.getInstance("ChaCha20");
        chacha.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key.mediaKeyRef(), "ChaCha20"),
                new javax.crypto.spec.ChaCha20ParameterSpec(nonce, 1));
        assertThat(Arrays.copyOfRange(b, 38, 70)).isEqualTo(chacha.doFinal(zeros));
    }

    @Test
    void keysAreNotPrinted() {
        SenderKey key = SenderKey.fromSecret(new KeyId(1), new byte[32]);
        assertThat(key.toString()).contains("redacted").doesNotContain("0000000000");
    }

    @Test
    void audioAndVideoThreadsShareOneCipherAndEveryPacketOpens() throws Exception {
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher shared = MediaCipher.create(key);
        MediaCipher receiver = MediaCipher.create(SenderKey.fromSecret(new KeyId(1), key.secretRef()));
        int perThread = 2_000;
        byte[][][] sealed = new byte[2][perThread][];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int stream = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    byte[] pt = new byte[100 + stream * 900];
                    pt[0] = (byte) i;
                    MediaHeader h = new MediaHeader(7, 42, stream == 0 ? MediaKind.AUDIO : MediaKind.VIDEO,
                            100 + stream, i, i, 1, pt.length + 16);
                    sealed[stream][i] = shared.seal(TestHeaders.encode(h), pt);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (byte[][] stream : sealed) {
            for (byte[] d : stream) {
                assertThat(receiver.open(d)).isInstanceOf(Opened.class);
            }
        }
    }

    @Test
    void anErasedCipherNeitherSealsNorOpens() {
        SenderKey key = SenderKey.generate(new KeyId(1), RANDOM);
        MediaCipher cipher = MediaCipher.create(key);
        byte[] dgram = cipher.seal(TestHeaders.encode(header(0, 1, 10)), payload(10));
        cipher.destroy();
        assertThatThrownBy(() -> cipher.seal(TestHeaders.encode(header(1, 1, 10)), payload(10)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cipher.open(dgram)).isInstanceOf(Failed.class);
    }
}
