package dev.parley.relay.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final AccessPolicy policy = new AccessPolicy(
            new RelayProperties.Access(RelayProperties.Access.Mode.TOKEN, SECRET, Duration.ofSeconds(30)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static String token(Instant exp, Object room) throws Exception {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().expirationTime(Date.from(exp));
        if (room != null) {
            c.claim("room", room);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c.build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void openModeAcceptsAnyTokenForAnyRoom() {
        AccessPolicy open = new AccessPolicy(
                new RelayProperties.Access(RelayProperties.Access.Mode.OPEN, "", Duration.ZERO), Clock.systemUTC());
        AccessPolicy.Decision d = open.authenticate("");
        assertThat(d).isInstanceOf(AccessPolicy.Granted.class);
        assertThat(open.mayJoin((AccessPolicy.Granted) d, new RoomId(7))).isInstanceOf(AccessPolicy.Granted.class);
    }

    @Test
    void expiryHonoursTheClockSkew() throws Exception {
        assertThat(policy.authenticate(token(NOW.minusSeconds(10), null))).isInstanceOf(AccessPolicy.Granted.class);
        assertThat(policy.authenticate(token(NOW.minusSeconds(31), null)))
                .isEqualTo(new AccessPolicy.Denied("the token has expired"));
    }

    @Test
    void theRoomClaimIsANumberOrADecimalString() throws Exception {
        var g = (AccessPolicy.Granted) policy.authenticate(token(NOW.plusSeconds(60), 42L));
        assertThat(g.room()).contains(new RoomId(42));
        assertThat(policy.mayJoin(g, new RoomId(42))).isSameAs(g);
        assertThat(policy.mayJoin(g, new RoomId(43))).isInstanceOf(AccessPolicy.Denied.class);
        assertThat(((AccessPolicy.Granted) policy.authenticate(token(NOW.plusSeconds(60), "9223372036854775807")))
                .room()).contains(new RoomId(Long.MAX_VALUE));
        assertThat(policy.authenticate(token(NOW.plusSeconds(60), "-1"))).isInstanceOf(AccessPolicy.Denied.class);
        assertThat(policy.authenticate(token(NOW.plusSeconds(60), 1.5))).isInstanceOf(AccessPolicy.Denied.class);
        assertThat(((AccessPolicy.Granted) policy.authenticate(token(NOW.plusSeconds(60), null))).room())
                .isEqualTo(Optional.empty());
    }

    @Test
    void tokenModeNeedsALongEnoughSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> new AccessPolicy(
                new RelayProperties.Access(RelayProperties.Access.Mode.TOKEN, "short", Duration.ZERO), Clock.systemUTC()))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("short\"");
        assertThat(new RelayProperties.Access(RelayProperties.Access.Mode.TOKEN, SECRET, Duration.ZERO).toString())
                .doesNotContain(SECRET);
    }
}
