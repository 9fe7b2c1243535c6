package dev.parley.client.ui.model;

/** One of our own streams (camera or screen share) as its button shows it. */
public enum OwnVideoState {
    /** Not sending. */
    OFF,
    /** Turned on; the device is being opened (or a screen chosen). */
    STARTING,
    /** Sending. */
    ON
}
