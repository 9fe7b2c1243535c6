package dev.parley.bench.legacy;

/** The text keys of PROTOCOL.md 5.2, shared by the encoder and the decoder. */
final class Keys {
    private Keys() {
    }

    static final String TYPE = "type";
    static final String PROTOCOL_VERSION = "protocol_version";
    static final String CLIENT_VERSION = "client_version";
    static final String TOKEN = "token";
    static final String ROOM_ID = "room_id";
    static final String MEMBER = "member";
    static final String YOUR_PEER_ID = "your_peer_id";
    static final String PEERS = "peers";
    static final String CODE = "code";
    static final String MESSAGE = "message";
    static final String PEER = "peer";
    static final String PEER_ID = MemberCards.PEER_ID;
    static final String SENDER_ID = "sender_id";
    static final String KEY_ID = "key_id";
    static final String ALGO = "algo";
    static final String SEALED_KEYS = "sealed_keys";
    static final String SIGNATURE = "signature";
    static final String RECIPIENT_ID = "recipient_id";
    static final String SEALED = "sealed";
    static final String TARGET_SENDER_ID = "target_sender_id";
    static final String SSRC = "ssrc";
    static final String LOSS_FRACTION = "loss_fraction";
    static final String JITTER_MS = "jitter_ms";
    static final String BUFFER_DEPTH = "buffer_depth";
    static final String RTT_MS = "rtt_ms";
    static final String LOSS = "loss";
    static final String BITRATE_IN = "bitrate_in";
    static final String BITRATE_OUT = "bitrate_out";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String PIN = "pin";

    static final int SIGNATURE_LENGTH = 64;
}
