package dev.parley.bench.cluster;

import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.call.ParticipantStatus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a benchmark needs from one session's events, each stamped with {@link System#nanoTime()}
 * as the engine reports it: every join (the engine's {@code RelayChanged}, sent the moment a
 * {@code PeerList} arrives, just before {@code joined()} completes), every peer that became
 * present (its card and keys verified), every redirect, and every report that it is reconnecting.
 */
final class StampedEvents implements CallEvents {
    /** One join: when, and the relay as the engine describes it ("name (address):port"). */
    record Join(long atNanos, String relay) {
        /** The relay's address, from the engine's description. */
        String address() {
            int open = relay.indexOf('(');
            if (open >= 0) {
                return relay.substring(open + 1, relay.indexOf(')'));
            }
            return relay.substring(0, relay.lastIndexOf(':'));
        }
    }

    private final List<Join> joins = new CopyOnWriteArrayList<>();
    private final List<Long> present = new CopyOnWriteArrayList<>();
    private final List<Long> redirects = new CopyOnWriteArrayList<>();
    private final List<Long> lost = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> firstPresent = new CompletableFuture<>();

    @Override
    public void on(CallEvent event) {
        long now = System.nanoTime();
        if (event instanceof CallEvent.RelayChanged r) {
            joins.add(new Join(now, r.relay()));
        } else if (event instanceof CallEvent.ParticipantChanged p && p.participant().status() == ParticipantStatus.PRESENT) {
            present.add(now);
            firstPresent.complete(now);
        } else if (event instanceof CallEvent.ConnectionChanged c && c.state() != ConnectionState.IN_CALL
                && c.detail().startsWith("The room is on relay ")) {
            redirects.add(now);
        } else if (event instanceof CallEvent.ConnectionChanged c && c.state() == ConnectionState.RECONNECTING) {
            lost.add(now);
        }
    }

    /** The first join at or after {@code nanos}, or null. */
    Join joinAfter(long nanos) {
        return joins.stream().filter(j -> j.atNanos() >= nanos).findFirst().orElse(null);
    }

    /** The latest join, or null. */
    Join lastJoin() {
        return joins.isEmpty() ? null : joins.get(joins.size() - 1);
    }

    /** When the engine first reported reconnecting at or after {@code nanos} (it noticed the loss), or -1. */
    long reconnectingAfter(long nanos) {
        return lost.stream().filter(t -> t >= nanos).findFirst().orElse(-1L);
    }

    /** When a peer first became present at or after {@code nanos}, or -1. */
    long presentAfter(long nanos) {
        return present.stream().filter(t -> t >= nanos).findFirst().orElse(-1L);
    }

    /** Completes with the stamp of the first peer that became present. */
    CompletableFuture<Long> firstPresent() {
        return firstPresent;
    }

    int redirects() {
        return redirects.size();
    }
}
