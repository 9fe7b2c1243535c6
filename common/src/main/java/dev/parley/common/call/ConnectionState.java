package dev.parley.common.call;

/** Where a call session stands with the relay. */
public enum ConnectionState {
    /** Handshake and join in progress. */
    CONNECTING,
    /** In the room: PeerList received. */
    IN_CALL,
    /** The connection dropped; trying again with backoff. */
    RECONNECTING,
    /** Over: left, refused, or gave up. See {@link CallEvent.CallEnded}. */
    ENDED
}
