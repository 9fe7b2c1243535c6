package dev.parley.client.ui.testing;

import dev.parley.common.call.Participant;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.domain.PeerId;

import java.util.Arrays;
import java.util.Optional;

/** Test participants with deterministic keys. */
public final class Participants {
    private Participants() {
    }

    public static byte[] key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return k;
    }

    public static Participant present(long id, String name, int keySeed) {
        return new Participant(new PeerId(id), Optional.of(name), Optional.of(key(keySeed)),
                Optional.of("11111 22222 33333 44444 55555 66666"), ParticipantStatus.PRESENT, Optional.empty());
    }

    public static Participant joining(long id, String name, int keySeed) {
        return new Participant(new PeerId(id), Optional.of(name), Optional.of(key(keySeed)),
                Optional.of("11111 22222 33333 44444 55555 66666"), ParticipantStatus.JOINING, Optional.empty());
    }

    public static Participant failed(long id, String reason) {
        return new Participant(new PeerId(id), Optional.empty(), Optional.empty(), Optional.empty(),
                ParticipantStatus.FAILED_VERIFICATION, Optional.of(reason));
    }
}
