package dev.parley.common.call;

/** How far a peer has proven membership (PROTOCOL.md section 5.3). */
public enum ParticipantStatus {
    /** Card verified; no key from it has unsealed yet. Shown as joining. */
    JOINING,
    /** Card verified and its sender key unsealed with this join's key. */
    PRESENT,
    /** Card or keys did not verify: not a member, gets no keys. */
    FAILED_VERIFICATION
}
