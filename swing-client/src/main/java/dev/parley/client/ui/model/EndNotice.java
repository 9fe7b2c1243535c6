package dev.parley.client.ui.model;

import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.StartFailure;
import dev.parley.common.call.CallEvent;
import dev.parley.common.domain.ErrorCode;

/**
 * What to tell the user when a call could not start or ended badly: a title, what happened, and the
 * way forward, each a plain sentence.
 *
 * @param title    dialog title
 * @param what     what happened
 * @param next     what the user can do about it
 * @param action   which way forward the dialog offers
 */
public record EndNotice(String title, String what, String next, WayForward action) {

    /** The button a failure dialog offers besides closing it. */
    public enum WayForward {
        /** Join again with the same choices. */
        TRY_AGAIN,
        /** Back to the start screen, the invite link field focused. */
        CHECK_LINK,
        /** Back to the start screen, the access token field focused. */
        EDIT_TOKEN,
        /** Back to the start screen, the device pickers focused. */
        CHOOSE_DEVICE,
        /** Nothing to do but close. */
        NONE
    }

    /** For a call that did not start. */
    public static EndNotice forStartFailure(StartFailure failure, JoinRequest request) {
        String relay = request.relayAddress();
        return switch (failure.kind()) {
            case UNREACHABLE -> new EndNotice("Relay not reachable",
                    "The relay at " + relay + " did not answer.",
                    "Check that you are online and that the link is the one you were sent, then try again.",
                    WayForward.TRY_AGAIN);
            case PIN_MISMATCH -> new EndNotice("Certificate does not match",
                    "The relay at " + relay + " showed a different certificate than the one pinned in the link, so Parley did not connect.",
                    "Someone may be intercepting the connection, or the relay changed its certificate. Ask the person who invited you for a fresh link.",
                    WayForward.CHECK_LINK);
            case UNTRUSTED_CERTIFICATE -> new EndNotice("Certificate not trusted",
                    "This computer does not trust the certificate of the relay at " + relay + ".",
                    "Ask for a link that includes the relay's certificate pin (it ends with ?pin=\u2026).",
                    WayForward.CHECK_LINK);
            case REFUSED_TOKEN -> refusedToken();
            case IDENTITY -> new EndNotice("Identity key problem", sentence(failure),
                    "Parley never replaces your identity key by itself, so that people who verified you can keep trusting it. Fix the file as described, then try again.",
                    WayForward.TRY_AGAIN);
            case AUDIO_DEVICE -> new EndNotice("Audio device problem", sentence(failure),
                    "Pick another microphone or speaker, or close other apps that use it.", WayForward.CHOOSE_DEVICE);
            case ENGINE_UNAVAILABLE -> new EndNotice("Calls not available", sentence(failure),
                    "Use a build of Parley that includes the call engine.", WayForward.NONE);
            case OTHER -> new EndNotice("Could not join", sentence(failure),
                    "Check the link and your connection, then try again.", WayForward.TRY_AGAIN);
        };
    }

    /** For a call that ended: clean ends need no dialog and give empty. */
    public static java.util.Optional<EndNotice> forEnded(CallEvent.CallEnded ended) {
        if (ended.clean()) {
            return java.util.Optional.empty();
        }
        String reason = ended.reason() == null || ended.reason().isBlank() ? "The call ended unexpectedly."
                : ended.reason();
        EndNotice notice = ErrorCode.of(ended.relayCode()).map(code -> switch (code) {
            case UNAUTHORIZED -> refusedToken();
            case ROOM_FULL -> new EndNotice("Room full", "This room has as many people as the relay allows.",
                    "Try again when someone has left.", WayForward.TRY_AGAIN);
            case UNSUPPORTED_VERSION -> new EndNotice("Version mismatch",
                    "The relay speaks a different version of Parley than this app.",
                    "Update Parley, or ask for a link to a relay that matches.", WayForward.CHECK_LINK);
            case RATE_LIMITED -> new EndNotice("Too many messages",
                    "The relay closed the connection because this app sent too much too fast.",
                    "Wait a moment, then try again.", WayForward.TRY_AGAIN);
            case JOIN_TIMEOUT -> new EndNotice("Join took too long",
                    "The relay gave up waiting for the join to finish.", "Try again.", WayForward.TRY_AGAIN);
            case SHUTTING_DOWN -> new EndNotice("Relay shutting down", "The relay is shutting down.",
                    "Try again in a few minutes.", WayForward.TRY_AGAIN);
            case PROTOCOL_VIOLATION -> new EndNotice("Disconnected",
                    "The relay closed the call because it did not understand this app.",
                    "Try again; if it happens again, update Parley.", WayForward.TRY_AGAIN);
        }).orElse(new EndNotice("Call ended", reason,
                "Check your connection and the link, then try again.", WayForward.TRY_AGAIN));
        return java.util.Optional.of(notice);
    }

    private static EndNotice refusedToken() {
        return new EndNotice("Access refused", "The relay refused your access token.",
                "Ask the relay's operator for a valid token and enter it under Access token.", WayForward.EDIT_TOKEN);
    }

    private static String sentence(StartFailure failure) {
        String m = failure.getMessage();
        return m == null || m.isBlank() ? "Parley could not start the call." : m;
    }
}
