package dev.parley.bench.wire;

import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.JoinKeyPair;
import dev.parley.common.crypto.MemberCards;
import dev.parley.common.crypto.RoomKeys;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.ControlMessage.PeerList;
import dev.parley.common.domain.ControlMessage.ReceiverReport;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.SealedKeyEntry;
import dev.parley.common.wire.ControlCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Encode and decode of the control messages that matter for speed: the PeerList a joiner gets (10
 * real cards), a KeyDistribute for 10 recipients and a ReceiverReport. Figures, and how the
 * hand-written codec that came before compared: benchmarks/README.md.
 */
@State(Scope.Thread)
public class ControlCodecBenchmark {
    @Param({"PeerList10", "KeyDistribute10", "ReceiverReport"})
    public String message;

    private ControlMessage value;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        value = switch (message) {
            case "PeerList10" -> peerList(random);
            case "KeyDistribute10" -> keyDistribute(random);
            case "ReceiverReport" -> new ReceiverReport(new PeerId(2), new PeerId(3), 0.0125, 12.3456, 60);
            default -> throw new IllegalArgumentException(message);
        };
        payload = ControlCodec.encode(value);
    }

    @Benchmark
    public byte[] encode() {
        return ControlCodec.encode(value);
    }

    @Benchmark
    public Decoded<ControlMessage> decode() {
        return ControlCodec.decode(payload);
    }

    private static PeerList peerList(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        RoomKeys room = RoomKeys.derive(secret);
        List<PeerInfo> peers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            peers.add(new PeerInfo(new PeerId(i), MemberCards.build(IdentityKeyPair.generate(random),
                    JoinKeyPair.generate(random), room, "Participant " + i, random)));
        }
        return new PeerList(new PeerId(11), peers);
    }

    private static KeyDistribute keyDistribute(SecureRandom random) {
        List<SealedKeyEntry> entries = new ArrayList<>();
        for (int i = 2; i <= 11; i++) {
            byte[] sealed = new byte[SealedKeyEntry.SEALED_LENGTH];
            random.nextBytes(sealed);
            entries.add(new SealedKeyEntry(new PeerId(i), sealed));
        }
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        return new KeyDistribute(new RoomId(42), new PeerId(1), new KeyId(7), ControlMessage.KeyMessage.ALGO,
                entries, signature);
    }
}
