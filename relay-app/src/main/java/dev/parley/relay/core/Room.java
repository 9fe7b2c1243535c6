package dev.parley.relay.core;

import dev.parley.common.domain.RoomId;

import java.util.Arrays;

/**
 * The current members of one room, in join order. Event-loop confined; the member array is
 * replaced (never mutated) on join and leave, so forwarding iterates a plain array.
 */
public final class Room {
    private static final Session[] NONE = new Session[0];

    private final RoomId id;
    private Session[] members = NONE;

    Room(RoomId id) {
        this.id = id;
    }

    public RoomId id() {
        return id;
    }

    /** The members in join order; do not modify. */
    Session[] members() {
        return members;
    }

    public int size() {
        return members.length;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    /** The member with this peer id, or null. */
    Session member(long peerId) {
        for (Session s : members) {
            if (s.peerId == peerId) {
                return s;
            }
        }
        return null;
    }

    void add(Session s) {
        Session[] next = Arrays.copyOf(members, members.length + 1);
        next[members.length] = s;
        members = next;
    }

    boolean remove(Session s) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == s) {
                Session[] next = new Session[members.length - 1];
                System.arraycopy(members, 0, next, 0, i);
                System.arraycopy(members, i + 1, next, i, members.length - i - 1);
                members = next;
                return true;
            }
        }
        return false;
    }
}
