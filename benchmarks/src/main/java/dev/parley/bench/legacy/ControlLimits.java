package dev.parley.bench.legacy;



/**
 * Bounds the control codec enforces beyond PROTOCOL.md's own ranges. Each is far above honest use
 * and exists so that no single field can make a peer do unbounded work; the 65,536-byte frame
 * bounds everything else. Text lengths count UTF-8 bytes.
 */
public final class ControlLimits {
    private ControlLimits() {
    }

    /** Largest control payload (PROTOCOL.md section 4). */
    public static final int MAX_PAYLOAD = 65_536;

    /** {@code Hello.client_version}. */
    public static final int MAX_CLIENT_VERSION_BYTES = 256;

    /** {@code Auth.token}: room for a JWT with generous claims. */
    public static final int MAX_TOKEN_BYTES = 8_192;

    /** {@code Error.message}. */
    public static final int MAX_ERROR_MESSAGE_BYTES = 1_024;

    /** {@code algo} of key messages; the recipient, not the codec, checks its value. */
    public static final int MAX_ALGO_BYTES = 64;
    /** A Redirect's host: a DNS name is at most 253 bytes; an IPv6 text fits too. */
    public static final int MAX_HOST_BYTES = 255;

    /**
     * Entries in {@code sealed_keys}. A room of 50 has 49 recipients; entries are about 110 bytes,
     * so a frame cannot carry more than about 590 anyway. The signed count is a u16.
     */
    public static final int MAX_SEALED_KEYS = 1_024;

    /** Entries in {@code PeerList.peers}; the frame size allows far fewer (about 50 maximal cards). */
    public static final int MAX_PEERS = 1_024;

    /**
     * Largest encoded MemberCard the relay accepts in JoinRoom. All five fields at their maximum
     * take 1,244 bytes, leaving 56 for unknown keys. Chosen so that a PeerList of 49 maximal cards
     * (a full default room) still fits one 65,536-byte frame: 49 x (1,300 + 18) + 45 = 64,627.
     */
    public static final int MAX_CARD_BYTES = 1_300;

    /**
     * Deepest nesting inside a MemberCard accepted in JoinRoom, counting the card map as 1. A card
     * sits one level deeper in PeerList (inside the {@code peers} array) than in JoinRoom, so this
     * keeps every PeerList built from accepted cards within {@link CborReader#MAX_DEPTH}.
     */
    public static final int MAX_CARD_DEPTH = CborReader.MAX_DEPTH - 2;
}
