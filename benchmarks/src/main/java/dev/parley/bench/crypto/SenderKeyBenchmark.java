package dev.parley.bench.crypto;

import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.JoinKeyPair;
import dev.parley.common.crypto.KeyMessages;
import dev.parley.common.crypto.KeyVerification;
import dev.parley.common.crypto.SenderKey;
import dev.parley.common.crypto.SenderKeySealer;
import dev.parley.common.crypto.VerifiedPeer;
import dev.parley.common.domain.ControlMessage.KeyDistribute;
import dev.parley.common.domain.KeyId;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key-distribution path of section 7: sealing and unsealing one sender key, and building
 * (10 seals + Ed25519 signature) and verifying (signature + own entry unsealed) a KeyDistribute
 * for 10 recipients.
 */
@State(Scope.Thread)
public class SenderKeyBenchmark {
    private static final RoomId ROOM = new RoomId(0x1234_5678L);
    private static final PeerId SENDER = new PeerId(1);

    private final SecureRandom random = new SecureRandom();
    private IdentityKeyPair identity;
    private SenderKey key;
    private JoinKeyPair recipient;
    private byte[] sealed;
    private List<KeyMessages.Recipient> recipients;
    private KeyDistribute message;
    private Optional<VerifiedPeer> sender;
    private KeyMessages.Receiver receiver;

    @Setup(Level.Trial)
    public void setUp() {
        identity = IdentityKeyPair.generate(random);
        key = SenderKey.generate(new KeyId(3), random);
        recipients = new ArrayList<>();
        List<JoinKeyPair> joinKeys = new ArrayList<>();
        for (int i = 2; i <= 11; i++) {
            JoinKeyPair jk = JoinKeyPair.generate(random);
            joinKeys.add(jk);
            recipients.add(new KeyMessages.Recipient(new PeerId(i), jk.publicKey()));
        }
        recipient = joinKeys.get(0);
        sealed = SenderKeySealer.seal(key, ROOM, SENDER, new PeerId(2), recipient.publicKey(), random);
        message = KeyMessages.distribute(identity, ROOM, SENDER, key, recipients, random);
        sender = Optional.of(new VerifiedPeer(SENDER, identity.publicKey(), JoinKeyPair.generate(random).publicKey(), "S"));
        receiver = new KeyMessages.Receiver(ROOM, new PeerId(7), joinKeys.get(5));
    }

    @Benchmark
    public byte[] sealSenderKey() {
        return SenderKeySealer.seal(key, ROOM, SENDER, new PeerId(2), recipient.publicKey(), random);
    }

    @Benchmark
    public SenderKeySealer.Unsealed unsealSenderKey() {
        return SenderKeySealer.unseal(sealed, ROOM, SENDER, new PeerId(2), key.keyId(), recipient);
    }

    @Benchmark
    public KeyDistribute buildAndSignKeyDistribute10() {
        return KeyMessages.distribute(identity, ROOM, SENDER, key, recipients, random);
    }

    @Benchmark
    public byte[] signKeyDistribute10() {
        return identity.sign(KeyMessages.signedContent(message));
    }

    @Benchmark
    public KeyVerification verifyKeyDistribute10() {
        return KeyMessages.verify(message, sender, Optional.empty(), receiver);
    }
}
