package dev.parley.common.call;

import dev.parley.common.domain.PeerId;

import java.time.Instant;
import java.util.Map;

/** What a call session tells whoever drives it (UI, headless client, tests). */
public sealed interface CallEvent {

    /** The connection moved to another state; {@code detail} is a sentence for a person. */
    record ConnectionChanged(ConnectionState state, String detail) implements CallEvent {
    }

    /**
     * The call is now on this relay ("relay.example.org (192.0.2.7):4433"): after the first join, a
     * redirect, or a reconnect that landed elsewhere in a cluster.
     */
    record RelayChanged(String relay) implements CallEvent {
    }

    /** A peer appeared or changed (verified, present, failed). */
    record ParticipantChanged(Participant participant) implements CallEvent {
    }

    /** A peer left or dropped. */
    record ParticipantLeft(PeerId peerId) implements CallEvent {
    }

    /** Speaking levels 0..1 of every audible peer and of our own microphone, about 10 times a second. */
    record SpeakingLevels(Map<PeerId, Double> peers, double own) implements CallEvent {
        public SpeakingLevels {
            peers = Map.copyOf(peers);
        }
    }

    /** We started sending with a new key. */
    record KeysRotated(long keyId, Instant at) implements CallEvent {
    }

    /** Once a second. */
    record StatsUpdated(CallStats stats) implements CallEvent {
    }

    /** The call is over; {@code reason} is a sentence for a person, {@code relayCode} the relay's Error code or 0. */
    record CallEnded(boolean clean, long relayCode, String reason) implements CallEvent {
    }
}
