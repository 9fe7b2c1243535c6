package dev.parley.client.ui.model;

/**
 * The state of one of our own video streams while its device opens off the event thread. Each open
 * gets a ticket; only the result of the latest one counts, so a camera that opens after the user
 * turned it off again (or picked another one) is closed instead of being sent. Not thread-safe.
 */
final class OwnStream {
    private OwnVideoState state = OwnVideoState.OFF;
    private long issued;
    private long pending;

    OwnVideoState state() {
        return state;
    }

    /** An open starts: from off it is starting; a running stream keeps running until the new one is in. */
    long begin() {
        pending = ++issued;
        if (state == OwnVideoState.OFF) {
            state = OwnVideoState.STARTING;
        }
        return pending;
    }

    /** The open with {@code ticket} succeeded; false when it no longer counts. */
    boolean opened(long ticket) {
        if (ticket == 0 || ticket != pending) {
            return false;
        }
        pending = 0;
        state = OwnVideoState.ON;
        return true;
    }

    /**
     * The open with {@code ticket} failed or was cancelled: a stream being started is off again, a
     * running one (the user picked another camera) goes on. False when it no longer counts.
     */
    boolean failed(long ticket) {
        if (ticket == 0 || ticket != pending) {
            return false;
        }
        pending = 0;
        if (state == OwnVideoState.STARTING) {
            state = OwnVideoState.OFF;
        }
        return true;
    }

    /** Off, and any open under way no longer counts; true when a stream was being sent. */
    boolean stop() {
        boolean wasOn = state == OwnVideoState.ON;
        state = OwnVideoState.OFF;
        pending = 0;
        return wasOn;
    }
}
