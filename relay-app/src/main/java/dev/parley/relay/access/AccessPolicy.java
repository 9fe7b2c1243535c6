package dev.parley.relay.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.RelayProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Who may join (PROTOCOL.md section 5.2, {@code Auth}). In {@code open} mode every token is
 * accepted, the empty one included. In {@code token} mode the token must be a JWT signed with HS256
 * and the configured secret, carry {@code exp} in the future, and, if it has a {@code room} claim
 * (the room id as a number or a decimal string), is good for that room only.
 *
 * <p>Tokens are never logged or kept: only the decision is.
 */
@Component
public class AccessPolicy {
    /** The outcome of checking an {@code Auth} token. */
    public sealed interface Decision permits Granted, Denied {
    }

    /** Allowed to join, possibly only one room, until the token expires. */
    public record Granted(Optional<RoomId> room, Optional<Instant> expiresAt) implements Decision {
    }

    /** Not allowed; {@code reason} is safe to send to the client and to log. */
    public record Denied(String reason) implements Decision {
    }

    private final RelayProperties.Access.Mode mode;
    private final MACVerifier verifier;
    private final Duration clockSkew;
    private final Clock clock;

    @Autowired
    public AccessPolicy(RelayProperties properties) {
        this(properties.access(), Clock.systemUTC());
    }

    AccessPolicy(RelayProperties.Access access, Clock clock) {
        this.mode = access.mode();
        this.clockSkew = access.clockSkew();
        this.clock = clock;
        if (mode == RelayProperties.Access.Mode.TOKEN) {
            byte[] secret = access.tokenSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("parley.relay.access.mode=token needs "
                        + "parley.relay.access.token-secret of at least 32 bytes (HS256)");
            }
            try {
                verifier = new MACVerifier(secret);
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable parley.relay.access.token-secret: " + e.getMessage(), e);
            }
        } else {
            verifier = null;
        }
    }

    public RelayProperties.Access.Mode mode() {
        return mode;
    }

    /** Checks the token of an {@code Auth} message. */
    public Decision authenticate(String token) {
        if (mode == RelayProperties.Access.Mode.OPEN) {
            return new Granted(Optional.empty(), Optional.empty());
        }
        if (token == null || token.isEmpty()) {
            return new Denied("a token is required");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return new Denied("the token must be signed with HS256");
            }
            if (!jwt.verify(verifier)) {
                return new Denied("the token's signature is not valid");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Denied("the token is not a signed JWT");
        } catch (JOSEException e) {
            return new Denied("the token's signature cannot be checked");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return new Denied("the token has no exp");
        }
        Instant expiresAt = exp.toInstant();
        if (!clock.instant().isBefore(expiresAt.plus(clockSkew))) {
            return new Denied("the token has expired");
        }
        Object room = claims.getClaim("room");
        if (room == null) {
            return new Granted(Optional.empty(), Optional.of(expiresAt));
        }
        Optional<RoomId> roomId = parseRoom(room);
        if (roomId.isEmpty()) {
            return new Denied("the token's room claim is not a room id");
        }
        return new Granted(roomId, Optional.of(expiresAt));
    }

    /** Whether a granted token lets its holder join {@code room} now. */
    public Decision mayJoin(Granted grant, RoomId room) {
        if (grant.expiresAt().isPresent() && !clock.instant().isBefore(grant.expiresAt().get().plus(clockSkew))) {
            return new Denied("the token has expired");
        }
        if (grant.room().isPresent() && !grant.room().get().equals(room)) {
            return new Denied("the token is for another room");
        }
        return grant;
    }

    private static Optional<RoomId> parseRoom(Object claim) {
        try {
            long value;
            if (claim instanceof Number n) {
                if (n instanceof Double || n instanceof Float) {
                    return Optional.empty();
                }
                value = n.longValue();
            } else if (claim instanceof String s && s.matches("[0-9]{1,19}")) {
                value = Long.parseLong(s);
            } else {
                return Optional.empty();
            }
            return value < 0 ? Optional.empty() : Optional.of(new RoomId(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
