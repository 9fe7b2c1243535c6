package dev.parley.common.crypto;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Creates, parses and formats invite links {@code parley://HOST[:PORT]/r/SECRET[?pin=FINGERPRINT]}
 * (PROTOCOL.md section 2).
 *
 * <p>Parsing is strict about everything the link carries (scheme, host, port, path, secret, pin)
 * and explains a failure in a sentence that names the part at fault. Messages never repeat the
 * secret, since they may end up in a log. Leading and trailing white space is trimmed (links get
 * pasted), other query parameters and a {@code #fragment} are ignored, the scheme is
 * case-insensitive, and DNS names and IPv6 addresses are lower-cased.
 *
 * <p>Formatting writes the shortest form: no port when it is the default 4433, IPv6 in brackets.
 */
public final class RoomLinks {
    public static final String SCHEME = "parley";
    public static final int SECRET_CHARS = 43;
    public static final int PIN_CHARS = 64;
    /** Longer input is refused before looking at it. */
    public static final int MAX_LINK_LENGTH = 4096;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private RoomLinks() {
    }

    /** A link to a new room with a fresh 32-byte secret from a {@link SecureRandom}. */
    public static RoomLink create(String host, int port, Optional<String> pin) {
        return create(host, port, pin, new SecureRandom());
    }

    /** As {@link #create(String, int, Optional)} with the given randomness source. */
    public static RoomLink create(String host, int port, Optional<String> pin, SecureRandom random) {
        Decoded<String> h = parseHost(host == null ? "" : host.startsWith("[") ? host : bracketIfIpv6(host));
        if (h instanceof Decoded.Failed<String> f) {
            throw new IllegalArgumentException(f.error().message());
        }
        byte[] secret = new byte[RoomLink.SECRET_LENGTH];
        random.nextBytes(secret);
        try {
            return new RoomLink(h.orElseThrow(), port, secret, pin);
        } finally {
            Bytes.erase(secret);
        }
    }

    /** The link text: IPv6 hosts in brackets, the port only when it is not 4433. */
    public static String format(RoomLink link) {
        StringBuilder sb = new StringBuilder(128).append(SCHEME).append("://");
        sb.append(link.host().indexOf(':') >= 0 ? "[" + link.host() + "]" : link.host());
        if (link.port() != RoomLink.DEFAULT_PORT) {
            sb.append(':').append(link.port());
        }
        byte[] secret = link.secret();
        sb.append("/r/").append(ENCODER.encodeToString(secret));
        Bytes.erase(secret);
        link.pin().ifPresent(p -> sb.append("?pin=").append(p));
        return sb.toString();
    }

    /** Parses an invite link; a failure says what is wrong and where. */
    public static Decoded<RoomLink> parse(String text) {
        if (text == null) {
            return fail(Reason.INVALID, "no link given");
        }
        String s = text.strip();
        if (s.length() > MAX_LINK_LENGTH) {
            return fail(Reason.TOO_LARGE, "the link is " + s.length() + " characters long; a Parley link is far shorter");
        }
        int schemeEnd = s.indexOf("://");
        if (s.isEmpty() || schemeEnd < 0) {
            return fail(Reason.INVALID, "not a Parley link: it must start with parley://");
        }
        String scheme = s.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            return fail(Reason.INVALID, "wrong scheme '" + printable(scheme) + "': a Parley link starts with parley://");
        }
        String rest = s.substring(schemeEnd + 3);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int query = rest.indexOf('?');
        String beforeQuery = query >= 0 ? rest.substring(0, query) : rest;
        int slash = beforeQuery.indexOf('/');
        String authority = slash >= 0 ? beforeQuery.substring(0, slash) : beforeQuery;
        String path = slash >= 0 ? beforeQuery.substring(slash) : "";

        Decoded<HostPort> hp = parseAuthority(authority);
        if (hp instanceof Decoded.Failed<HostPort> f) {
            return Decoded.failed(f.error());
        }
        if (path.isEmpty()) {
            return fail(Reason.INVALID, "the link has no room: expected /r/ and the room secret after the host");
        }
        if (!path.startsWith("/r/")) {
            return fail(Reason.INVALID, "the path after the host must be /r/ followed by the room secret");
        }
        Decoded<byte[]> secret = parseSecret(path.substring(3));
        if (secret instanceof Decoded.Failed<byte[]> f) {
            return Decoded.failed(f.error());
        }
        Decoded<Optional<String>> pin = query >= 0 ? parsePin(rest.substring(query + 1)) : Decoded.ok(Optional.empty());
        if (pin instanceof Decoded.Failed<Optional<String>> f) {
            return Decoded.failed(f.error());
        }
        byte[] key = secret.orElseThrow();
        try {
            HostPort at = hp.orElseThrow();
            return Decoded.ok(new RoomLink(at.host, at.port, key, pin.orElseThrow()));
        } finally {
            Bytes.erase(key);
        }
    }

    private record HostPort(String host, int port) {
    }

    private static Decoded<HostPort> parseAuthority(String authority) {
        if (authority.isEmpty()) {
            return fail(Reason.INVALID, "the host is missing after parley://");
        }
        if (authority.indexOf('@') >= 0) {
            return fail(Reason.INVALID, "a user name before the host ('...@') is not allowed in a Parley link");
        }
        String hostPart;
        String portPart;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return fail(Reason.INVALID, "the IPv6 address has no closing ']'");
            }
            hostPart = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (after.isEmpty()) {
                portPart = null;
            } else if (after.startsWith(":")) {
                portPart = after.substring(1);
            } else {
                return fail(Reason.INVALID, "unexpected '" + printable(after) + "' after the IPv6 address; expected ':PORT' or '/r/'");
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
                return fail(Reason.INVALID, "an IPv6 address must be written in brackets, like parley://[2001:db8::1]/r/...");
            }
            hostPart = colon >= 0 ? authority.substring(0, colon) : authority;
            portPart = colon >= 0 ? authority.substring(colon + 1) : null;
        }
        Decoded<String> host = parseHost(hostPart);
        if (host instanceof Decoded.Failed<String> f) {
            return Decoded.failed(f.error());
        }
        int port = RoomLink.DEFAULT_PORT;
        if (portPart != null) {
            if (portPart.isEmpty()) {
                return fail(Reason.INVALID, "the port after ':' is empty; leave out the ':' to use the default port 4433");
            }
            if (portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return fail(Reason.INVALID, "the port '" + printable(portPart) + "' is not a number from 1 to 65535");
            }
            port = Integer.parseInt(portPart);
            if (port < 1 || port > 65535) {
                return fail(Reason.OUT_OF_RANGE, "the port " + port + " is outside 1..65535");
            }
        }
        return Decoded.ok(new HostPort(host.orElseThrow(), port));
    }

    /** A host as written in a link (IPv6 in brackets) to the form RoomLink holds. */
    static Decoded<String> parseHost(String host) {
        if (host.isEmpty()) {
            return fail(Reason.INVALID, "the host is missing after parley://");
        }
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return fail(Reason.INVALID, "the IPv6 address has no closing ']'");
            }
            String v6 = host.substring(1, host.length() - 1);
            if (v6.indexOf('%') >= 0) {
                return fail(Reason.INVALID, "the IPv6 address has a zone id ('%...'), which means nothing on another computer");
            }
            if (!isIpv6(v6)) {
                return fail(Reason.INVALID, "'" + printable(v6) + "' in brackets is not a valid IPv6 address");
            }
            return Decoded.ok(v6.toLowerCase(Locale.ROOT));
        }
        if (host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return isIpv4(host) ? Decoded.ok(host)
                    : fail(Reason.INVALID, "the host '" + host + "' is not a valid IPv4 address (four numbers 0-255 without leading zeros)");
        }
        if (host.length() > 253) {
            return fail(Reason.INVALID, "the host name is " + host.length() + " characters long; at most 253 are allowed");
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty()) {
                return fail(Reason.INVALID, "the host name '" + printable(host) + "' has an empty label (two dots in a row, or a dot at the start or end)");
            }
            if (label.length() > 63) {
                return fail(Reason.INVALID, "the host name has a label of " + label.length() + " characters; at most 63 are allowed");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return fail(Reason.INVALID, "the host name '" + printable(host) + "' contains '" + printable(String.valueOf(c))
                            + "'; use letters, digits, '-' and '.' (write international names in their xn-- form)");
                }
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return fail(Reason.INVALID, "the host name '" + printable(host) + "' has a label that starts or ends with '-'");
            }
        }
        return Decoded.ok(host.toLowerCase(Locale.ROOT));
    }

    private static String bracketIfIpv6(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static Decoded<byte[]> parseSecret(String s) {
        if (s.isEmpty()) {
            return fail(Reason.INVALID, "the room secret after /r/ is missing");
        }
        int extra = s.indexOf('/');
        if (extra >= 0) {
            return fail(Reason.INVALID, "the link goes on after the room secret ('/' at position " + (extra + 1)
                    + " of the secret); it must end after the secret or continue with ?pin=");
        }
        if (s.indexOf('=') >= 0) {
            return fail(Reason.INVALID, "the room secret ends in '=' padding; a Parley link writes it as 43 base64url characters without padding");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                String hint = c == '+' ? " (standard base64; a link uses '-' and '_' instead of '+' and '/')"
                        : c == '%' ? " (percent-encoding is not allowed in the secret)" : "";
                return fail(Reason.INVALID, "the room secret has a character that is not base64url at position " + (i + 1) + hint);
            }
        }
        if (s.length() != SECRET_CHARS) {
            return fail(Reason.WRONG_LENGTH, "the room secret must be " + SECRET_CHARS + " base64url characters (32 bytes), got "
                    + s.length() + "; was the link cut off or changed?");
        }
        // 43 characters carry 258 bits: the last character's two low bits must be zero, else the
        // text does not stand for exactly 32 bytes (and two texts would name the same room).
        if ((ALPHABET.indexOf(s.charAt(SECRET_CHARS - 1)) & 3) != 0) {
            return fail(Reason.INVALID, "the room secret does not decode to exactly 32 bytes (its last character is not one a 32-byte secret can end with); was the link changed?");
        }
        byte[] secret = DECODER.decode(s);
        if (secret.length != RoomLink.SECRET_LENGTH) {
            Bytes.erase(secret);
            return fail(Reason.WRONG_LENGTH, "the room secret decodes to " + secret.length + " bytes instead of 32");
        }
        return Decoded.ok(secret);
    }

    private static Decoded<Optional<String>> parsePin(String query) {
        String pin = null;
        for (String param : query.split("&", -1)) {
            int eq = param.indexOf('=');
            String name = eq >= 0 ? param.substring(0, eq) : param;
            if (!name.equals("pin")) {
                continue;
            }
            if (pin != null) {
                return fail(Reason.INVALID, "the pin is given twice");
            }
            pin = eq >= 0 ? param.substring(eq + 1) : "";
            if (pin.length() != PIN_CHARS) {
                return fail(Reason.WRONG_LENGTH, "the pin must be " + PIN_CHARS
                        + " lowercase hex digits (the SHA-256 of the relay's certificate), got " + pin.length() + " characters");
            }
            for (int i = 0; i < pin.length(); i++) {
                char c = pin.charAt(i);
                if (c >= 'A' && c <= 'F') {
                    return fail(Reason.INVALID, "the pin must be lowercase hex; it has an upper-case '" + c + "' at position " + (i + 1));
                }
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return fail(Reason.INVALID, "the pin has '" + printable(String.valueOf(c)) + "' at position " + (i + 1)
                            + "; it must be 64 lowercase hex digits");
                }
            }
        }
        return Decoded.ok(Optional.ofNullable(pin));
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 section 2.2 text forms: eight groups, one "::", and an IPv4 tail. */
    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        int groups;
        if (dc >= 0) {
            int head = countGroups(s.substring(0, dc), false);
            int tail = countGroups(s.substring(dc + 2), true);
            if (head < 0 || tail < 0 || head + tail > 7) {
                return false;
            }
            groups = 8;
        } else {
            groups = countGroups(s, true);
        }
        return groups == 8;
    }

    /** Groups in a ':'-separated run (an IPv4 tail counts two), or -1 when one is bad. */
    private static int countGroups(String run, boolean ipv4TailAllowed) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                n += 2;
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return -1;
            }
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                    return -1;
                }
            }
            n++;
        }
        return n;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.codePointCount(0, s.length()) > 40 ? sb + "..." : sb.toString();
    }

    private static <T> Decoded<T> fail(Reason reason, String message) {
        return Decoded.failed(reason, message);
    }
}
