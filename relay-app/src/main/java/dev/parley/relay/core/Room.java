package dev.parley.relay.core;

import dev.parley.common.domain.RoomId;

import java.util.Arrays;

/**
 * The current members of one room, in join order, also grouped by the event loop that serves
 * each. Members of one room may sit on different loops: the membership is an immutable
 * {@link Members} snapshot, replaced (never mutated) by the {@link RoomRegistry} under its lock on
 * join and leave, and read by every loop without one, so forwarding iterates plain arrays.
 */
public final class Room {
    private static final Session[] NONE = new Session[0];
    private static final Members EMPTY = new Members(NONE, new Session[0][]);

    private final RoomId id;
    private volatile Members members = EMPTY;

    Room(RoomId id) {
        this.id = id;
    }

    /**
     * One moment's membership: every member in join order, and the members served by each event
     * loop (indexed by {@link Session#loop()}). Never modified.
     */
    static final class Members {
        private final Session[] all;
        private final Session[][] byLoop;

        private Members(Session[] all, Session[][] byLoop) {
            this.all = all;
            this.byLoop = byLoop;
        }

        private static Members of(Session[] all) {
            int loops = 0;
            for (Session s : all) {
                loops = Math.max(loops, s.loop() + 1);
            }
            int[] counts = new int[loops];
            for (Session s : all) {
                counts[s.loop()]++;
            }
            Session[][] byLoop = new Session[loops][];
            for (int i = 0; i < loops; i++) {
                byLoop[i] = counts[i] == 0 ? NONE : new Session[counts[i]];
                counts[i] = 0;
            }
            for (Session s : all) {
                byLoop[s.loop()][counts[s.loop()]++] = s;
            }
            return new Members(all, byLoop);
        }

        /** Every member in join order; do not modify. */
        Session[] all() {
            return all;
        }

        /** The members served by event loop {@code loop}, in join order; do not modify. */
        Session[] on(int loop) {
            return loop < byLoop.length ? byLoop[loop] : NONE;
        }

        /** One more than the highest loop index with a member (loops above it have none). */
        int loops() {
            return byLoop.length;
        }

        int size() {
            return all.length;
        }

        /** How many loops serve at least one member. */
        int occupiedLoops() {
            int n = 0;
            for (Session[] on : byLoop) {
                if (on.length > 0) {
                    n++;
                }
            }
            return n;
        }
    }

    public RoomId id() {
        return id;
    }

    /** The current membership. */
    Members snapshot() {
        return members;
    }

    /** The members in join order; do not modify. */
    Session[] members() {
        return members.all;
    }

    public int size() {
        return members.all.length;
    }

    boolean isEmpty() {
        return members.all.length == 0;
    }

    /** The member with this peer id, or null. */
    Session member(long peerId) {
        for (Session s : members.all) {
            if (s.peerId == peerId) {
                return s;
            }
        }
        return null;
    }

    /** The index of the event loop that serves the member with this peer id, or -1 (diagnostics, tests). */
    public int loopOf(long peerId) {
        Session s = member(peerId);
        return s == null ? -1 : s.loop();
    }

    /** Registry lock held. */
    void add(Session s) {
        Session[] current = members.all;
        Session[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = s;
        members = Members.of(next);
    }

    /** Registry lock held. */
    boolean remove(Session s) {
        Session[] current = members.all;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == s) {
                Session[] next = new Session[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                members = next.length == 0 ? EMPTY : Members.of(next);
                return true;
            }
        }
        return false;
    }
}
