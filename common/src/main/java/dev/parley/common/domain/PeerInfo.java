package dev.parley.common.domain;

/** A member as the relay describes it to others: its peer id and its stored card (PROTOCOL.md 5.3). */
public record PeerInfo(PeerId peerId, MemberCard card) {
}
