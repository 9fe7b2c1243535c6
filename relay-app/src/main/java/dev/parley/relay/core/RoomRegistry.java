package dev.parley.relay.core;

import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import dev.parley.relay.ops.RelayMetrics;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms that exist right now and their members. A room exists while it has a member: the
 * first JoinRoom for a room id creates it, the last member leaving removes it. Peer ids are random
 * in 1..2^63-1 and unique within their room.
 *
 * <p>Members of one room may be served by different event loops, so joins and leaves, which are
 * rare, take this registry's lock: each sees the room exactly as the one before left it, which
 * keeps every PeerList consistent with the PeerJoined and PeerLeft the others get. Forwarding never
 * takes it: it reads the room's immutable {@link Room.Members} snapshot. Every method may be called
 * from any thread.
 */
@Component
public class RoomRegistry {

    /** The outcome of {@link #join}. */
    public enum JoinResult {
        JOINED,
        /** The room has {@code max-members-per-room} members. */
        ROOM_FULL,
        /** The room does not exist and {@code max-rooms} rooms do. */
        TOO_MANY_ROOMS
    }

    private final Map<RoomId, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger roomCount = new AtomicInteger();
    private final AtomicInteger memberCount = new AtomicInteger();
    private final int maxRooms;
    private final int maxMembersPerRoom;

    public RoomRegistry(RelayProperties properties, RelayMetrics metrics) {
        this.maxRooms = properties.limits().maxRooms();
        this.maxMembersPerRoom = properties.limits().maxMembersPerRoom();
        metrics.gauge("parley.relay.rooms", "Rooms with at least one member", roomCount::get);
        metrics.gauge("parley.relay.members", "Members of all rooms", memberCount::get);
    }

    /**
     * Adds the session to the room, creating it if needed, and gives it a peer id; when JOINED,
     * {@code session.peersAtJoin} holds the room's membership right after it joined (for its
     * PeerList and the others' PeerJoined).
     */
    synchronized JoinResult join(Session session, RoomId roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            if (rooms.size() >= maxRooms) {
                return JoinResult.TOO_MANY_ROOMS;
            }
            room = new Room(roomId);
            rooms.put(roomId, room);
            roomCount.set(rooms.size());
        } else if (room.size() >= maxMembersPerRoom) {
            return JoinResult.ROOM_FULL;
        }
        long peerId;
        do {
            peerId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } while (room.member(peerId) != null);
        session.peerId = peerId;
        session.room = room;
        room.add(session);
        session.peersAtJoin = room.snapshot();
        memberCount.incrementAndGet();
        return JoinResult.JOINED;
    }

    /**
     * Removes the session from its room (removing the room when it empties). Returns the room's
     * membership right after it left (who gets its PeerLeft), or null if it was in none.
     */
    synchronized Room.Members leave(Session session) {
        Room room = session.room;
        if (room == null || !room.remove(session)) {
            return null;
        }
        memberCount.decrementAndGet();
        if (room.isEmpty()) {
            rooms.remove(room.id());
            roomCount.set(rooms.size());
        }
        return room.snapshot();
    }

    /** The room with this id, or null when it has no members. */
    public Room room(RoomId id) {
        return rooms.get(id);
    }

    public int rooms() {
        return roomCount.get();
    }

    public int members() {
        return memberCount.get();
    }
}
