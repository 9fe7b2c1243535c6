package dev.parley.common.crypto;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomLinksTest {
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"; // bytes 0..31
    private static final String PIN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static RoomLink ok(String text) {
        Decoded<RoomLink> d = RoomLinks.parse(text);
        assertThat(d.errorOrNull()).as(text).isNull();
        return d.orElseThrow();
    }

    @Test
    void parsesAllParts() {
        RoomLink l = ok("parley://relay.example.org:5000/r/" + SECRET + "?pin=" + PIN);
        assertThat(l.host()).isEqualTo("relay.example.org");
        assertThat(l.port()).isEqualTo(5000);
        byte[] expected = new byte[32];
        for (int i = 0; i < 32; i++) {
            expected[i] = (byte) i;
        }
        assertThat(l.secret()).isEqualTo(expected);
        assertThat(l.pin()).contains(PIN);
    }

    @Test
    void defaultsPortAndPin() {
        RoomLink l = ok("parley://relay.example.org/r/" + SECRET);
        assertThat(l.port()).isEqualTo(4433);
        assertThat(l.pin()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "parley://relay.example.org/r/" + SECRET,
            "parley://relay.example.org:4434/r/" + SECRET,
            "parley://192.0.2.7/r/" + SECRET + "?pin=" + PIN,
            "parley://[2001:db8::1]/r/" + SECRET,
            "parley://[2001:db8::1]:9000/r/" + SECRET + "?pin=" + PIN,
            "parley://[::ffff:192.0.2.1]/r/" + SECRET,
            "parley://[::1]:1/r/" + SECRET,
            "parley://localhost:65535/r/" + SECRET,
    })
    void formatsWhatItParsed(String text) {
        RoomLink l = ok(text);
        assertThat(RoomLinks.format(l)).isEqualTo(text);
        assertThat(ok(RoomLinks.format(l))).isEqualTo(l);
    }

    @Test
    void ipv6HostIsHeldWithoutBrackets() {
        RoomLink l = ok("parley://[2001:DB8::1]:9000/r/" + SECRET);
        assertThat(l.host()).isEqualTo("2001:db8::1");
        assertThat(RoomLinks.format(l)).startsWith("parley://[2001:db8::1]:9000/r/");
    }

    @Test
    void formatOmitsTheDefaultPort() {
        assertThat(RoomLinks.format(ok("parley://h.example:4433/r/" + SECRET))).isEqualTo("parley://h.example/r/" + SECRET);
    }

    @Test
    void toleratesWhatPeopleAndAppsAdd() {
        RoomLink plain = ok("parley://h.example/r/" + SECRET);
        assertThat(ok("  parley://h.example/r/" + SECRET + "\n")).isEqualTo(plain);
        assertThat(ok("PARLEY://H.Example/r/" + SECRET)).isEqualTo(plain);
        assertThat(ok("parley://h.example/r/" + SECRET + "?utm_source=chat&x")).isEqualTo(plain);
        assertThat(ok("parley://h.example/r/" + SECRET + "#section")).isEqualTo(plain);
        assertThat(ok("parley://h.example/r/" + SECRET + "?a=b&pin=" + PIN).pin()).contains(PIN);
    }

    @Test
    void createMakesAFreshSecretEveryTime() {
        RoomLink a = RoomLinks.create("relay.example.org", 4433, Optional.empty());
        RoomLink b = RoomLinks.create("relay.example.org", 4433, Optional.empty());
        assertThat(a.secret()).hasSize(32).isNotEqualTo(b.secret());
        assertThat(ok(RoomLinks.format(a))).isEqualTo(a);
        RoomLink v6 = RoomLinks.create("2001:db8::2", 7000, Optional.of(PIN), new SecureRandom());
        assertThat(RoomLinks.format(v6)).startsWith("parley://[2001:db8::2]:7000/r/").endsWith("?pin=" + PIN);
        assertThatThrownBy(() -> RoomLinks.create("bad host", 4433, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad host");
    }

    @Test
    void secretNeverAppearsInToStringOrMessages() {
        RoomLink l = ok("parley://h.example/r/" + SECRET);
        assertThat(l.toString()).doesNotContain(SECRET);
        String cut = SECRET.substring(0, 40);
        assertThat(RoomLinks.parse("parley://h.example/r/" + cut).errorOrNull().message()).doesNotContain(cut);
    }

    /** Malformed links, each with a fragment of the message a person sees. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "~~                                                   | must start with parley://",
            "relay.example.org/r/" + SECRET + "                   | must start with parley://",
            "https://relay.example.org/r/" + SECRET + "           | wrong scheme 'https'",
            "parley:///r/" + SECRET + "                           | host is missing",
            "parley://user@h.example/r/" + SECRET + "             | user name",
            "parley://h_x.example/r/" + SECRET + "                | contains '_'",
            "parley://-h.example/r/" + SECRET + "                 | starts or ends with '-'",
            "parley://h..example/r/" + SECRET + "                 | empty label",
            "parley://bücher.example/r/" + SECRET + "             | xn--",
            "parley://256.1.1.1/r/" + SECRET + "                  | not a valid IPv4 address",
            "parley://1.2.3/r/" + SECRET + "                      | not a valid IPv4 address",
            "parley://2001:db8::1/r/" + SECRET + "                | must be written in brackets",
            "parley://[2001:db8::1/r/" + SECRET + "               | no closing ']'",
            "parley://[2001:db8:::1]/r/" + SECRET + "             | not a valid IPv6 address",
            "parley://[2001:db8::g]/r/" + SECRET + "              | not a valid IPv6 address",
            "parley://[1:2:3:4:5:6:7:8:9]/r/" + SECRET + "        | not a valid IPv6 address",
            "parley://[fe80::1%eth0]/r/" + SECRET + "             | zone id",
            "parley://[::1]x/r/" + SECRET + "                     | after the IPv6 address",
            "parley://h.example:/r/" + SECRET + "                 | port after ':' is empty",
            "parley://h.example:http/r/" + SECRET + "             | port 'http' is not a number",
            "parley://h.example:0/r/" + SECRET + "                | port 0 is outside 1..65535",
            "parley://h.example:65536/r/" + SECRET + "            | port 65536 is outside 1..65535",
            "parley://h.example:123456/r/" + SECRET + "           | is not a number from 1 to 65535",
            "parley://h.example                                   | no room",
            "parley://h.example/                                  | must be /r/",
            "parley://h.example/room/" + SECRET + "               | must be /r/",
            "parley://h.example/r/                                | secret after /r/ is missing",
            "parley://h.example/r/" + SECRET + "/                 | goes on after the room secret",
            "parley://h.example/r/" + SECRET + "=                 | '=' padding",
            "parley://h.example/r/AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+ | not base64url at position 43 (standard base64",
            "parley://h.example/r/AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh  | must be 43 base64url characters (32 bytes), got 42",
            "parley://h.example/r/AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8A | got 44",
            "parley://h.example/r/AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9 | does not decode to exactly 32 bytes",
            "parley://h.example/r/AAECAwQFBgcICQoLDA0ODx%20REhMUFRYXGBkaGxwdHh | percent-encoding",
            "parley://h.example/r/" + SECRET + "?pin=abc          | pin must be 64 lowercase hex digits (the SHA-256 of the relay's certificate), got 3",
            "parley://h.example/r/" + SECRET + "?pin=             | got 0 characters",
            "parley://h.example/r/" + SECRET + "?pin=0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef | upper-case 'A' at position 11",
            "parley://h.example/r/" + SECRET + "?pin=0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef | 'g' at position 16",
            "parley://h.example/r/" + SECRET + "?pin=" + PIN + "&pin=" + PIN + " | pin is given twice",
    })
    void refusesMalformedLinksSayingWhy(String text, String messagePart) {
        Decoded<RoomLink> d = RoomLinks.parse(text);
        DecodeError e = d.errorOrNull();
        assertThat(e).as(text).isNotNull();
        assertThat(e.message()).contains(messagePart);
    }

    @Test
    void refusesNullAndHugeInput() {
        assertThat(RoomLinks.parse(null).errorOrNull().message()).contains("no link");
        assertThat(RoomLinks.parse("parley://h/r/" + "A".repeat(5000)).errorOrNull().reason())
                .isEqualTo(DecodeError.Reason.TOO_LARGE);
    }

    @Test
    void ipv6Forms() {
        for (String good : new String[] {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
                "1:2:3:4:5:6:1.2.3.4", "::ffff:1.2.3.4", "fe80::abcd:1"}) {
            assertThat(RoomLinks.isIpv6(good)).as(good).isTrue();
        }
        for (String bad : new String[] {"", ":", ":::", "1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1::",
                "12345::", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", ":1:2:3:4:5:6:7", "１::"}) {
            assertThat(RoomLinks.isIpv6(bad)).as(bad).isFalse();
        }
    }

    @Test
    void secretRoundTripsThroughBase64Url() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        RoomLink l = new RoomLink("h.example", 4433, secret, Optional.empty());
        String text = RoomLinks.format(l);
        assertThat(text).endsWith(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        assertThat(ok(text).secret()).isEqualTo(secret);
    }
}
