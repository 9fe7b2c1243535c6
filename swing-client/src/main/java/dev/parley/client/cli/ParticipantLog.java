package dev.parley.client.cli;

import dev.parley.common.call.CallEvent;
import dev.parley.common.call.Participant;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whoever runs a headless participant, one line on standard error per change, who is in the
 * call: "Alice is in the call" once her key has unsealed (audio from her can be heard from then on),
 * who failed verification and why, and who left. Also keeps the participants for the stats lines.
 */
final class ParticipantLog {
    private final PrintStream err;
    private final Map<Long, Participant> participants = new ConcurrentHashMap<>();

    ParticipantLog(PrintStream err) {
        this.err = err;
    }

    /** The participants known now, by peer id. */
    Map<Long, Participant> participants() {
        return participants;
    }

    /** Records a participant event and prints a line when a participant's status changed. */
    void on(CallEvent event) {
        if (event instanceof CallEvent.ParticipantChanged changed) {
            Participant now = changed.participant();
            Participant before = participants.put(now.peerId().value(), now);
            if (before == null || before.status() != now.status()) {
                err.println("parley: " + describe(now));
            }
        } else if (event instanceof CallEvent.ParticipantLeft left) {
            Participant gone = participants.remove(left.peerId().value());
            err.println("parley: " + (gone == null ? "peer " + left.peerId().value() : name(gone)) + " left");
        }
    }

    private static String describe(Participant p) {
        String fingerprint = p.fingerprint().map(f -> " (fingerprint " + f + ")").orElse("");
        return switch (p.status()) {
            case JOINING -> name(p) + " is joining" + fingerprint;
            case PRESENT -> name(p) + " is in the call" + fingerprint;
            case FAILED_VERIFICATION -> name(p) + " failed verification and gets no keys: "
                    + p.failure().orElse("no reason given");
        };
    }

    private static String name(Participant p) {
        Optional<String> shown = p.displayName().filter(n -> !n.isBlank());
        return shown.map(n -> n + " (peer " + p.peerId().value() + ")").orElse("peer " + p.peerId().value());
    }
}
