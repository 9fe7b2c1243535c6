package dev.parley.bench.crypto;

import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.JoinKeyPair;
import dev.parley.common.crypto.MemberCards;
import dev.parley.common.crypto.RoomKeys;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ControlMessage.PeerList;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.PeerInfo;
import dev.parley.common.wire.ControlCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** CBOR encode and decode of a PeerList of 10 real member cards (what a joiner receives). */
@State(Scope.Thread)
public class PeerListCodecBenchmark {
    private PeerList peerList;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        RoomKeys room = RoomKeys.derive(secret);
        List<PeerInfo> peers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            peers.add(new PeerInfo(new PeerId(i), MemberCards.build(IdentityKeyPair.generate(random),
                    JoinKeyPair.generate(random), room, "Participant " + i, random)));
        }
        peerList = new PeerList(new PeerId(11), peers);
        payload = ControlCodec.encode(peerList);
    }

    @Benchmark
    public byte[] encodePeerList10() {
        return ControlCodec.encode(peerList);
    }

    @Benchmark
    public Decoded<ControlMessage> decodePeerList10() {
        return ControlCodec.decode(payload);
    }
}
