package dev.parley.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Parley relay: a QUIC selective forwarding unit that routes sealed control messages and media
 * datagrams between the members of a room and can read neither (PROTOCOL.md sections 4 to 6).
 *
 * <p>Started from the repository root ({@code ./mvnw spring-boot:run}) it reads
 * {@code config/application.yml} and keeps its generated certificate in {@code config/tls/}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RelayApplication {

    public static void main(String[] args) {
        SpringApplication.run(RelayApplication.class, args);
    }
}
