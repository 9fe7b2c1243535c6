package dev.parley.common.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Every control-stream message of PROTOCOL.md section 5.2, one record each. Records validate only
 * what their types cannot express (ranges, exact byte lengths); the CBOR codec in
 * {@code dev.parley.common.wire} maps them to and from the wire.
 */
public sealed interface ControlMessage {

    /** The message's {@code type} text on the wire. */
    String type();

    /** C->R: first message of the handshake. */
    record Hello(long protocolVersion, String clientVersion) implements ControlMessage {
        public static final long CURRENT_VERSION = 1;

        public String type() {
            return "Hello";
        }
    }

    /** C->R: access token; an open relay accepts any, the empty one included. */
    record Auth(String token) implements ControlMessage {
        public String type() {
            return "Auth";
        }

        @Override
        public String toString() {
            return "Auth[token=<redacted>]";
        }
    }

    /** C->R: join a room with a member card. */
    record JoinRoom(RoomId roomId, MemberCard member) implements ControlMessage {
        public String type() {
            return "JoinRoom";
        }
    }

    /** R->C: the joiner's peer id and every other current member in join order. */
    record PeerList(PeerId yourPeerId, List<PeerInfo> peers) implements ControlMessage {
        public PeerList {
            peers = List.copyOf(peers);
        }

        public String type() {
            return "PeerList";
        }
    }

    /** R->C: the relay refuses something; the connection closes after it. */
    record Error(long code, String message) implements ControlMessage {
        public Error(ErrorCode code, String message) {
            this(code.code(), message);
        }

        public String type() {
            return "Error";
        }
    }

    /**
     * R->C, in a cluster only (PROTOCOL.md section 10): the room lives on another relay; join again
     * there. Valid only as the answer to JoinRoom.
     *
     * @param host DNS name, IPv4, or IPv6 without brackets
     * @param port 1..65535
     * @param pin  SHA-256 of the target relay's leaf certificate (32 bytes), when the relay sends one
     */
    record Redirect(String host, long port, java.util.Optional<byte[]> pin) implements ControlMessage {
        public static final int PIN_LENGTH = 32;

        public Redirect {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("a redirect names a host");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 1..65535, got " + port);
            }
            pin = pin == null ? java.util.Optional.empty() : pin.map(byte[]::clone);
            if (pin.isPresent() && pin.get().length != PIN_LENGTH) {
                throw new IllegalArgumentException("a pin is 32 bytes, got " + pin.get().length);
            }
        }

        @Override
        public java.util.Optional<byte[]> pin() {
            return pin.map(byte[]::clone);
        }

        public String type() {
            return "Redirect";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Redirect r && host.equals(r.host) && port == r.port
                    && pin.isPresent() == r.pin.isPresent()
                    && (pin.isEmpty() || Arrays.equals(pin.get(), r.pin.get()));
        }

        @Override
        public int hashCode() {
            return host.hashCode() * 31 + Long.hashCode(port);
        }

        @Override
        public String toString() {
            return "Redirect[" + host + ":" + port + (pin.isPresent() ? ", pinned" : "") + "]";
        }
    }

    /** R->C: someone joined. */
    record PeerJoined(PeerInfo peer) implements ControlMessage {
        public String type() {
            return "PeerJoined";
        }
    }

    /** R->C: someone left or dropped. */
    record PeerLeft(PeerId peerId) implements ControlMessage {
        public String type() {
            return "PeerLeft";
        }
    }

    /** KeyDistribute and KeyRotate share their fields and their handling (PROTOCOL.md section 7). */
    sealed interface KeyMessage extends ControlMessage {
        String ALGO = "CHACHA20-POLY1305";

        RoomId roomId();

        PeerId senderId();

        KeyId keyId();

        String algo();

        List<SealedKeyEntry> sealedKeys();

        byte[] signature();

        /** The {@code t} byte of the signed content: 1 for KeyDistribute, 2 for KeyRotate. */
        int signatureTypeByte();
    }

    /** C->R->C: a sender key for every verified peer, on joining. */
    record KeyDistribute(RoomId roomId, PeerId senderId, KeyId keyId, String algo,
                         List<SealedKeyEntry> sealedKeys, byte[] signature) implements KeyMessage {
        public KeyDistribute {
            sealedKeys = List.copyOf(sealedKeys);
            signature = checkSignature(signature);
        }

        public String type() {
            return "KeyDistribute";
        }

        public int signatureTypeByte() {
            return 1;
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyDistribute k && roomId.equals(k.roomId) && senderId.equals(k.senderId)
                    && keyId.equals(k.keyId) && algo.equals(k.algo) && sealedKeys.equals(k.sealedKeys)
                    && Arrays.equals(signature, k.signature);
        }

        @Override
        public int hashCode() {
            return (roomId.hashCode() * 31 + senderId.hashCode()) * 31 + keyId.hashCode();
        }
    }

    /** C->R->C: a new sender key after a rotation. */
    record KeyRotate(RoomId roomId, PeerId senderId, KeyId keyId, String algo,
                     List<SealedKeyEntry> sealedKeys, byte[] signature) implements KeyMessage {
        public KeyRotate {
            sealedKeys = List.copyOf(sealedKeys);
            signature = checkSignature(signature);
        }

        public String type() {
            return "KeyRotate";
        }

        public int signatureTypeByte() {
            return 2;
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyRotate k && roomId.equals(k.roomId) && senderId.equals(k.senderId)
                    && keyId.equals(k.keyId) && algo.equals(k.algo) && sealedKeys.equals(k.sealedKeys)
                    && Arrays.equals(signature, k.signature);
        }

        @Override
        public int hashCode() {
            return (roomId.hashCode() * 31 + senderId.hashCode()) * 31 + keyId.hashCode();
        }
    }

    /** C->R->C: ask a sender for a video keyframe; forwarded to the target only. */
    record VideoKeyframeRequest(PeerId senderId, PeerId targetSenderId, long ssrc) implements ControlMessage {
        public VideoKeyframeRequest {
            checkU32(ssrc, "ssrc");
        }

        public String type() {
            return "VideoKeyframeRequest";
        }
    }

    /** C->R->C: how a receiver hears one sender; forwarded to the target only. */
    record ReceiverReport(PeerId senderId, PeerId targetSenderId, double lossFraction, double jitterMs,
                          long bufferDepth) implements ControlMessage {
        public ReceiverReport {
            if (bufferDepth < 0) {
                throw new IllegalArgumentException("buffer_depth must be unsigned");
            }
        }

        public String type() {
            return "ReceiverReport";
        }
    }

    /** C->R: connection statistics, recorded in metrics and never forwarded. */
    record StatsReport(long rttMs, double loss, double jitterMs, long bitrateIn, long bitrateOut)
            implements ControlMessage {
        public StatsReport {
            if (rttMs < 0 || bitrateIn < 0 || bitrateOut < 0) {
                throw new IllegalArgumentException("rtt_ms and bitrates must be unsigned");
            }
        }

        public String type() {
            return "StatsReport";
        }
    }

    /** C->R: leave the room; the relay sends PeerLeft and closes. */
    record Leave() implements ControlMessage {
        public String type() {
            return "Leave";
        }
    }

    private static byte[] checkSignature(byte[] signature) {
        if (signature.length != 64) {
            throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
        }
        return signature.clone();
    }

    private static void checkU32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be in 0..2^32-1");
        }
    }
}
