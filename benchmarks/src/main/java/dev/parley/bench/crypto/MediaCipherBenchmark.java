package dev.parley.bench.crypto;

import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.crypto.MediaOpenResult;
import dev.parley.common.crypto.SenderKey;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.wire.MediaDatagrams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;

/**
 * Seal and open of one 20 ms audio datagram (100-byte Opus payload) on the JDK and on Bouncy
 * Castle's ChaCha20-Poly1305, through {@link MediaCipher}'s allocation-free overloads. The goal is
 * at most 2 µs median each way.
 */
@State(Scope.Thread)
public class MediaCipherBenchmark {
    private static final int RING = 1024;

    /** Plaintext bytes: 100 is a 20 ms Opus frame; run with -p payload=1000 for a video chunk. */
    @Param({"100"})
    public int payload;

    @Param({"JDK", "BOUNCY_CASTLE"})
    public MediaCipher.Engine engine;

    private MediaCipher sealer;
    private MediaCipher opener;
    private final byte[] header = new byte[MediaHeader.LENGTH];
    private byte[] plaintext;
    private final byte[] out = new byte[MediaHeader.MAX_DATAGRAM];
    private final byte[] plain = new byte[MediaHeader.MAX_DATAGRAM];
    private final byte[][] datagrams = new byte[RING][];
    private long index;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        plaintext = new byte[payload];
        random.nextBytes(plaintext);
        SenderKey key = SenderKey.generate(new KeyId(1), random);
        sealer = MediaCipher.create(key, engine);
        // opened packets come from another sender key instance, as on a receiver
        SenderKey sealingForOpen = SenderKey.generate(new KeyId(1), random);
        MediaCipher other = MediaCipher.create(sealingForOpen, engine);
        for (int i = 0; i < RING; i++) {
            MediaHeader h = new MediaHeader(42, 7, MediaKind.AUDIO, 0x1234, i, 960L * i, 1, payload + 16);
            datagrams[i] = other.seal(MediaDatagrams.encodeHeader(h), plaintext);
        }
        opener = MediaCipher.create(sealingForOpen, engine);
        MediaDatagrams.writeHeader(new MediaHeader(42, 7, MediaKind.AUDIO, 0x5678, 0, 0, 1, payload + 16), header, 0);
    }

    @Benchmark
    public int sealAudio() {
        long i = index++;
        // next packet of the stream: seq_hi, seq and timestamp change, as on the wire
        header[MediaHeader.OFFSET_SEQ_HI] = (byte) (i >>> 24);
        header[MediaHeader.OFFSET_SEQ_HI + 1] = (byte) (i >>> 16);
        header[MediaHeader.OFFSET_SEQ] = (byte) (i >>> 8);
        header[MediaHeader.OFFSET_SEQ + 1] = (byte) i;
        header[MediaHeader.OFFSET_TIMESTAMP + 2] = (byte) (i >>> 8);
        header[MediaHeader.OFFSET_TIMESTAMP + 3] = (byte) i;
        return sealer.seal(header, plaintext, 0, payload, out, 0);
    }

    @Benchmark
    public MediaOpenResult openAudio() {
        byte[] d = datagrams[next];
        next = (next + 1) & (RING - 1);
        return opener.open(d, 0, d.length, plain, 0);
    }
}
