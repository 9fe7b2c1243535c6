package dev.parley.client.ui.model;

/** The verification badge of a tile. */
public enum Badge {
    /** Your own tile. */
    YOU,
    /** Card verified, no key unsealed yet (PROTOCOL.md 5.3): not yet hearing or heard. */
    JOINING,
    /** A member whose safety number the user has not compared. */
    NOT_VERIFIED,
    /** The user marked this identity verified and its key is the one they verified. */
    VERIFIED,
    /** The card or keys did not verify: not a member, gets no keys. */
    FAILED
}
