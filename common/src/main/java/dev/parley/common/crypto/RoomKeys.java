package dev.parley.common.crypto;

import dev.parley.common.domain.RoomId;
import dev.parley.common.domain.RoomLink;

import java.security.MessageDigest;

/**
 * The values every member derives from the room secret (PROTOCOL.md section 2): the public
 * {@code room_id}, the membership key {@code K_member} that proves a card's author knows the
 * secret, and {@code K_profile} that seals display names from the relay. The keys never appear in
 * {@link #toString()}; the accessors return copies.
 */
public record RoomKeys(RoomId roomId, byte[] kMember, byte[] kProfile) {
    static final String ROOM_ID_INFO = "parley/v1 room id";
    static final String MEMBER_INFO = "parley/v1 member key";
    static final String PROFILE_INFO = "parley/v1 profile key";

    public RoomKeys {
        Bytes.requireLength(kMember, 32, "K_member");
        Bytes.requireLength(kProfile, 32, "K_profile");
        kMember = kMember.clone();
        kProfile = kProfile.clone();
    }

    /** Derives room id and keys from a 32-byte room secret. */
    public static RoomKeys derive(byte[] roomSecret) {
        Bytes.requireLength(roomSecret, RoomLink.SECRET_LENGTH, "room secret");
        byte[] id = Hkdf.derive(roomSecret, ROOM_ID_INFO, 8);
        long roomId = Bytes.getU64(id, 0) & 0x7FFF_FFFF_FFFF_FFFFL;
        byte[] member = Hkdf.derive(roomSecret, MEMBER_INFO, 32);
        byte[] profile = Hkdf.derive(roomSecret, PROFILE_INFO, 32);
        try {
            return new RoomKeys(new RoomId(roomId), member, profile);
        } finally {
            Bytes.erase(member);
            Bytes.erase(profile);
        }
    }

    /** Derives from the secret inside an invite link. */
    public static RoomKeys of(RoomLink link) {
        byte[] secret = link.secret();
        try {
            return derive(secret);
        } finally {
            Bytes.erase(secret);
        }
    }

    @Override
    public byte[] kMember() {
        return kMember.clone();
    }

    @Override
    public byte[] kProfile() {
        return kProfile.clone();
    }

    /** The member key without a copy, for this package's MACs. */
    byte[] kMemberRef() {
        return kMember;
    }

    byte[] kProfileRef() {
        return kProfile;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoomKeys k && roomId.equals(k.roomId)
                && MessageDigest.isEqual(kMember, k.kMember) && MessageDigest.isEqual(kProfile, k.kProfile);
    }

    @Override
    public int hashCode() {
        return roomId.hashCode();
    }

    @Override
    public String toString() {
        return "RoomKeys[roomId=" + roomId + ", kMember=<redacted>, kProfile=<redacted>]";
    }
}
