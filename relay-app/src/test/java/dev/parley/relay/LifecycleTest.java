package dev.parley.relay;

import dev.parley.common.domain.ErrorCode;
import dev.parley.relay.server.QuicRelayServer;
import dev.parley.relay.server.RelayTls;
import dev.parley.relay.support.Messages;
import dev.parley.relay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting and stopping the whole relay: the certificate survives a restart, health follows the
 * listener, actuator shows what an operator needs, and stopping tells every member (Error 7).
 */
class LifecycleTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext start(String tlsDir, int port) {
        return new SpringApplicationBuilder(RelayApplication.class).properties(
                "parley.relay.port=" + port,
                "parley.relay.bind-address=127.0.0.1",
                "parley.relay.tls.directory=" + tlsDir,
                "server.port=0",
                "management.server.port=0",
                "management.server.address=127.0.0.1").run();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext ctx, String path) throws Exception {
        String port = ctx.getEnvironment().getProperty("local.management.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restartKeepsTheFingerprintActuatorShowsTheRelayAndStoppingSendsError7() throws Exception {
        String dir = "target/test-tls/" + UUID.randomUUID();
        String fingerprint;
        TestClient member;
        try (ConfigurableApplicationContext relay = start(dir, 0)) {
            QuicRelayServer server = relay.getBean(QuicRelayServer.class);
            fingerprint = relay.getBean(RelayTls.class).fingerprint();
            assertThat(fingerprint).matches("[0-9a-f]{64}");

            HttpResponse<String> health = get(relay, "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode quic = JSON.readTree(health.body()).path("components").path("quic");
            assertThat(quic.path("status").asString()).isEqualTo("UP");
            assertThat(quic.path("details").path("port").asInt()).isEqualTo(server.port());
            // alone (no parley.relay.cluster.redis): no Redis connection, no Redis or cluster health
            assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
            assertThat(JSON.readTree(health.body()).path("components").propertyNames())
                    .doesNotContain("redis", "cluster");
            assertThat(relay.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
            assertThat(relay.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
            assertThat(quic.path("details").path("protocol").asString()).isEqualTo("parley/1");

            JsonNode info = JSON.readTree(get(relay, "/actuator/info").body()).path("relay");
            assertThat(info.path("certificateFingerprint").asString()).isEqualTo(fingerprint);
            assertThat(info.path("protocol").asString()).isEqualTo("parley/1");
            assertThat(info.path("version").asString()).isNotBlank();

            member = TestClient.connect(server.port(), fingerprint);
            member.join(Messages.randomRoom());
            String prometheus = get(relay, "/actuator/prometheus").body();
            assertThat(prometheus).contains("parley_relay_connections ", "parley_relay_rooms ", "parley_relay_members ",
                    "parley_relay_datagrams_total", "parley_relay_datagrams_dropped_total{reason=\"malformed\"}",
                    "parley_relay_control_messages_total{type=\"JoinRoom\"}");
            assertThat(prometheus).doesNotContain(fingerprint);
            JsonNode members = JSON.readTree(get(relay, "/actuator/metrics/parley.relay.members").body());
            assertThat(members.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
        }
        // the context is closed: the member was told and disconnected
        member.expectErrorAndClose(ErrorCode.SHUTTING_DOWN);

        try (ConfigurableApplicationContext again = start(dir, 0)) {
            assertThat(again.getBean(RelayTls.class).fingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void healthIsDownWhenThePortIsTaken() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ConfigurableApplicationContext relay = start("target/test-tls/" + UUID.randomUUID(),
                     squatter.getLocalPort())) {
            assertThat(relay.getBean(QuicRelayServer.class).state()).isEqualTo(QuicRelayServer.State.FAILED);
            HttpResponse<String> health = get(relay, "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode quic = JSON.readTree(health.body()).path("components").path("quic");
            assertThat(quic.path("status").asString()).isEqualTo("DOWN");
            assertThat(quic.path("details").path("error").asString()).containsIgnoringCase("address already in use");
        }
    }
}
