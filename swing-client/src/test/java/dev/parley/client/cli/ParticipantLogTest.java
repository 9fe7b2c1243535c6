package dev.parley.client.cli;

import dev.parley.common.call.CallEvent;
import dev.parley.common.call.Participant;
import dev.parley.common.call.ParticipantStatus;
import dev.parley.common.domain.PeerId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ParticipantLog log = new ParticipantLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private static Participant alice(ParticipantStatus status) {
        return new Participant(new PeerId(2), Optional.of("Alice"), Optional.of(new byte[32]),
                Optional.of("12345 67890"), status, Optional.empty());
    }

    private String lines() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneLinePerStatusChangeAndOnLeaving() {
        log.on(new CallEvent.ParticipantChanged(alice(ParticipantStatus.JOINING)));
        log.on(new CallEvent.ParticipantChanged(alice(ParticipantStatus.JOINING)));
        log.on(new CallEvent.ParticipantChanged(alice(ParticipantStatus.PRESENT)));
        assertThat(log.participants()).containsKey(2L);
        log.on(new CallEvent.ParticipantLeft(new PeerId(2)));

        assertThat(lines()).isEqualTo(String.join(System.lineSeparator(),
                "parley: Alice (peer 2) is joining (fingerprint 12345 67890)",
                "parley: Alice (peer 2) is in the call (fingerprint 12345 67890)",
                "parley: Alice (peer 2) left", ""));
        assertThat(log.participants()).isEmpty();
    }

    @Test
    void aFailedVerificationSaysWhyAndAnUnknownPeerIsNamedByItsId() {
        log.on(new CallEvent.ParticipantChanged(new Participant(new PeerId(7), Optional.empty(), Optional.empty(),
                Optional.empty(), ParticipantStatus.FAILED_VERIFICATION, Optional.of("its card is not signed by its key"))));
        log.on(new CallEvent.ParticipantLeft(new PeerId(9)));

        assertThat(lines()).isEqualTo(String.join(System.lineSeparator(),
                "parley: peer 7 failed verification and gets no keys: its card is not signed by its key",
                "parley: peer 9 left", ""));
    }
}
