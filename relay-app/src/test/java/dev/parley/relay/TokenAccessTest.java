package dev.parley.relay;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.ErrorCode;
import dev.parley.common.domain.RoomId;
import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Token mode: a JWT (HS256) with exp and an optional room claim, or Error 2; and a full room (Error 3). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "parley.relay.port=0",
        "parley.relay.bind-address=127.0.0.1",
        "parley.relay.tls.directory=target/test-tls/${random.uuid}",
        "parley.relay.access.mode=token",
        "parley.relay.access.token-secret=" + TokenAccessTest.SECRET,
        "parley.relay.limits.max-members-per-room=2"
})
class TokenAccessTest {
    static final String SECRET = "a test secret that is at least 32 bytes long";

    @Autowired
    QuicRelayServer server;
    @Autowired
    RelayTls tls;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closed by the relay
            }
        });
    }

    private TestClient client() {
        TestClient c = TestClient.connect(server.port(), tls.fingerprint());
        clients.add(c);
        return c;
    }

    static String token(String secret, Instant exp, Object room) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("someone");
        if (exp != null) {
            claims.expirationTime(Date.from(exp));
        }
        if (room != null) {
            claims.claim("room", room);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static Instant inFiveMinutes() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    @Test
    void aValidTokenJoinsItsRoomOrAnyRoomWithoutARoomClaim() throws Exception {
        RoomId room = Messages.randomRoom();
        TestClient a = client();
        assertThat(a.join(room, token(SECRET, inFiveMinutes(), room.value())).peers()).isEmpty();
        TestClient b = client();
        assertThat(b.join(room, token(SECRET, inFiveMinutes(), Long.toString(room.value()))).peers()).hasSize(1);
        TestClient c = client();
        assertThat(c.join(Messages.randomRoom(), token(SECRET, inFiveMinutes(), null)).peers()).isEmpty();
    }

    @Test
    void aFullRoomRefusesTheNextMember() throws Exception {
        RoomId room = Messages.randomRoom();
        String token = token(SECRET, inFiveMinutes(), room.value());
        client().join(room, token);
        client().join(room, token);
        TestClient third = client();
        third.send(new ControlMessage.Hello(1, "t"));
        third.send(new ControlMessage.Auth(token));
        third.send(new ControlMessage.JoinRoom(room, third.card));
        third.expectErrorAndClose(ErrorCode.ROOM_FULL);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        assertRefused(token(SECRET, Instant.now().minus(Duration.ofMinutes(5)), null), Messages.randomRoom());
    }

    @Test
    void aTokenForAnotherRoomIsRefused() throws Exception {
        RoomId room = Messages.randomRoom();
        assertRefused(token(SECRET, inFiveMinutes(), Messages.randomRoom().value()), room);
    }

    @Test
    void aMissingTokenIsRefused() {
        assertRefused("", Messages.randomRoom());
    }

    @Test
    void forgedUnsignedOrExpiryLessTokensAreRefused() throws Exception {
        assertRefused(token("another secret that is also long enough!!", inFiveMinutes(), null), Messages.randomRoom());
        assertRefused(new PlainJWT(new JWTClaimsSet.Builder().expirationTime(Date.from(inFiveMinutes())).build())
                .serialize(), Messages.randomRoom());
        assertRefused(token(SECRET, null, null), Messages.randomRoom());
        assertRefused("not a jwt at all", Messages.randomRoom());
    }

    private void assertRefused(String token, RoomId room) {
        TestClient c = client();
        c.send(new ControlMessage.Hello(1, "t"));
        c.send(new ControlMessage.Auth(token));
        c.send(new ControlMessage.JoinRoom(room, c.card));
        c.expectErrorAndClose(ErrorCode.UNAUTHORIZED);
    }
}
