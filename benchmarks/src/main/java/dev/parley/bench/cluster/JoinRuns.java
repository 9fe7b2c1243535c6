package dev.parley.bench.cluster;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Part 1: the extra time a redirect costs a join. A resident member holds a room on relay A
 * (127.0.0.2); then fresh sessions join it, alternately through A itself ("direct") and through
 * B (127.0.0.3), which answers {@code Redirect} to A ("redirected"). Each join is a new
 * {@link CallSession} (fresh identity, fresh QUIC connection, as a user clicking the link), timed
 * from {@link CallSession#start} to the engine's join (the PeerList: what {@code joined()} waits
 * for) and to the resident member being present (its card and keys verified); then it leaves.
 */
final class JoinRuns {
    /** One timed join. */
    record Join(int index, boolean redirected, double toJoinedMs, double toPresentMs, String relay, int redirects,
                boolean asPlanned) {
    }

    private final RelayTrio relays;

    JoinRuns(RelayTrio relays) {
        this.relays = relays;
    }

    /** {@code warmup} untimed joins of each kind, then {@code count} of each, alternating (the first kind alternates too). */
    List<Join> run(int warmup, int count) throws Exception {
        String owner = RelayTrio.HOSTS.get(0);
        RoomLink room = RoomLinks.create(owner, relays.port(), Optional.of(relays.pin()));
        CallSession resident = CallSession.start(new CallConfig(room, IdentityKeyPair.generate(), "resident", "",
                null, null, CallOptions.defaults(), "parley-bench"), null);
        List<Join> joins = new ArrayList<>();
        try {
            resident.joined().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < warmup; i++) {
                once(room, i, false);
                once(room, i, true);
            }
            for (int i = 0; i < count; i++) {
                boolean redirectedFirst = i % 2 == 1;
                for (boolean redirected : new boolean[] {redirectedFirst, !redirectedFirst}) {
                    Join j = once(room, i, redirected);
                    joins.add(j);
                    System.out.printf(java.util.Locale.ROOT, "join %2d %-10s joined %7.1f ms, peer present %7.1f ms, on %s%s%s%n",
                            i + 1, redirected ? "redirected" : "direct", j.toJoinedMs(), j.toPresentMs(), j.relay(),
                            j.redirects() > 0 ? " after " + j.redirects() + " redirect(s)" : "",
                            j.asPlanned() ? "" : " NOT AS PLANNED: left out");
                }
            }
        } finally {
            resident.leave();
            resident.ended().get(10, TimeUnit.SECONDS);
        }
        return joins;
    }

    private Join once(RoomLink room, int index, boolean redirected) throws Exception {
        String host = RelayTrio.HOSTS.get(redirected ? 1 : 0);
        RoomLink link = new RoomLink(host, room.port(), room.secret(), room.pin());
        StampedEvents events = new StampedEvents();
        long start = System.nanoTime();
        CallSession s = CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "joiner", "", null, null,
                CallOptions.defaults(), "parley-bench"), events);
        try {
            s.joined().get(30, TimeUnit.SECONDS);
            long present = events.firstPresent().get(30, TimeUnit.SECONDS);
            StampedEvents.Join j = events.joinAfter(start);
            // a join that did not go as planned (the directory did not answer within the relay's
            // cluster.timeout, so B placed the room itself) is kept, marked, and left out of the medians
            boolean asPlanned = j.address().equals(RelayTrio.HOSTS.get(0)) && redirected == (events.redirects() > 0);
            return new Join(index, redirected, (j.atNanos() - start) / 1e6,
                    (present - start) / 1e6, j.relay(), events.redirects(), asPlanned);
        } finally {
            s.leave();
            s.ended().get(10, TimeUnit.SECONDS);
        }
    }
}
