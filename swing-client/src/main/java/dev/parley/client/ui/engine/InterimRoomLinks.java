package dev.parley.client.ui.engine;

import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Invite links exactly as PROTOCOL.md section 2 defines them, with messages written for the start
 * screen. Stands in until {@code dev.parley.common.crypto.RoomLinks} is merged; then
 * {@link RoomLinkCodec} is backed by that class and this one goes.
 */
public final class InterimRoomLinks implements RoomLinkCodec {
    private static final String SCHEME = "parley://";
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern PIN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DNS = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    @Override
    public Decoded<RoomLink> parse(String text) {
        if (text == null || !text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return invalid("This is not a Parley invite link: it should start with parley://");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String pathAndQuery = slash < 0 ? "" : rest.substring(slash);
        Decoded<HostPort> hostPort = hostPort(authority);
        if (!hostPort.isOk()) {
            return Decoded.failed(hostPort.errorOrNull());
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        if (!path.startsWith("/r/")) {
            return invalid("The link has no room secret: after the relay address it should go on with /r/ and 43 characters.");
        }
        String secretText = path.substring(3);
        if (!SECRET.matcher(secretText).matches()) {
            return invalid("The room secret in the link is damaged or cut off: it must be exactly 43 letters, digits, - or _ (this one has "
                    + secretText.length() + "). Ask for the link again and copy all of it.");
        }
        byte[] secret = Base64.getUrlDecoder().decode(secretText);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(secret).equals(secretText)) {
            return invalid("The room secret in the link is damaged: its last character is not one a real link can end with.");
        }
        Optional<String> pin = Optional.empty();
        for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
            if (param.startsWith("pin=")) {
                String value = param.substring(4);
                if (pin.isPresent() || !PIN.matcher(value).matches()) {
                    return invalid("The certificate pin in the link is damaged: it must be 64 lowercase hex digits.");
                }
                pin = Optional.of(value);
            }
        }
        HostPort hp = hostPort.orElseThrow();
        return Decoded.ok(new RoomLink(hp.host(), hp.port(), secret, pin));
    }

    @Override
    public String format(RoomLink link) {
        StringBuilder s = new StringBuilder(SCHEME);
        s.append(link.host().contains(":") ? "[" + link.host() + "]" : link.host());
        if (link.port() != RoomLink.DEFAULT_PORT) {
            s.append(':').append(link.port());
        }
        s.append("/r/").append(Base64.getUrlEncoder().withoutPadding().encodeToString(link.secret()));
        link.pin().ifPresent(p -> s.append("?pin=").append(p));
        return s.toString();
    }

    /** A relay address {@code host[:port]}, IPv6 in brackets, as typed on the start screen or found in a link. */
    public static Decoded<HostPort> hostPort(String authority) {
        if (authority.isEmpty()) {
            return invalid("The link has no relay address after parley://");
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return invalid("The relay address has an IPv6 address without its closing ].");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return invalid("The relay address has unexpected text after the IPv6 address.");
                }
                portText = after.substring(1);
            }
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                return invalid("The relay address " + authority + " is not a valid IPv6 address.");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(':') != colon) {
                return invalid("An IPv6 relay address must be written in brackets, like [2001:db8::1]:4433.");
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (!DNS.matcher(host).matches()) {
                return invalid("The relay address \"" + host + "\" is not a valid host name or IP address.");
            }
            host = host.toLowerCase(Locale.ROOT);
        }
        int port = RoomLink.DEFAULT_PORT;
        if (portText != null) {
            try {
                port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                return invalid("The relay port must be a number from 1 to 65535.");
            }
        }
        return Decoded.ok(new HostPort(host, port));
    }

    /** A relay's host (IPv6 without brackets) and UDP port. */
    public record HostPort(String host, int port) {
    }

    private static <T> Decoded<T> invalid(String sentence) {
        return Decoded.failed(Reason.INVALID, sentence);
    }
}
