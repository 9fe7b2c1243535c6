package dev.parley.client.ui.engine;

import dev.parley.common.domain.RoomLink;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InterimRoomLinksTest {
    private final InterimRoomLinks links = new InterimRoomLinks();

    @Test
    void roundTripsEveryHostForm() {
        byte[] secret = new byte[32];
        secret[31] = 7;
        for (RoomLink link : new RoomLink[] {
                new RoomLink("relay.example.org", 4433, secret, Optional.empty()),
                new RoomLink("192.0.2.1", 5000, secret, Optional.of("ab".repeat(32))),
                new RoomLink("2001:db8::1", 4433, secret, Optional.empty())}) {
            assertThat(links.parse(links.format(link)).orElseThrow()).isEqualTo(link);
        }
    }

    @Test
    void ignoresOtherQueryParametersAndRejectsANonCanonicalSecret() {
        String secret = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA";
        assertThat(links.parse("parley://h/r/" + secret + "?x=1&pin=" + "0".repeat(64)).orElseThrow().pin())
                .contains("0".repeat(64));
        // The 43rd character carries 4 bits; "B" sets a bit no 32-byte secret has.
        assertThat(links.parse("parley://h/r/" + secret.substring(0, 42) + "B").isOk()).isFalse();
        assertThat(links.parse("parley://h/x/" + secret).errorOrNull().message()).contains("has no room secret");
        assertThat(links.parse("parley:///r/" + secret).errorOrNull().message()).contains("no relay address");
    }
}
