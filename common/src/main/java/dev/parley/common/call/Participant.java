package dev.parley.common.call;

import dev.parley.common.domain.PeerId;

import java.util.Optional;

/**
 * A peer as the call engine sees it: everything a UI tile shows except live levels and stats.
 *
 * @param peerId       the relay-assigned id in this join
 * @param displayName  the name from its sealed profile; empty when verification failed before it opened
 * @param ed25519Pub   its identity key (32 bytes), empty when the card was ill-formed
 * @param fingerprint  its 30-digit fingerprint, empty when there is no identity key
 * @param status       joining, present or failed verification
 * @param failure      why verification failed, a sentence; empty otherwise
 */
public record Participant(PeerId peerId, Optional<String> displayName, Optional<byte[]> ed25519Pub,
                          Optional<String> fingerprint, ParticipantStatus status, Optional<String> failure) {
}
