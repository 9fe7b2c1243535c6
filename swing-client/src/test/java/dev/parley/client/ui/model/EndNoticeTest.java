package dev.parley.client.ui.model;

import dev.parley.client.ui.engine.ProtocolRoomLinks;
import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.engine.StartFailure;
import dev.parley.common.call.CallEvent;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The sentences and ways forward of failed or ended calls. */
class EndNoticeTest {
    private final JoinRequest request = new JoinRequest(new ProtocolRoomLinks()
            .parse("parley://relay.example.org/r/q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA").orElseThrow(),
            "Alice", Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void unreachableRelayNamesTheRelayAndOffersTryAgain() {
        EndNotice n = EndNotice.forStartFailure(new StartFailure(StartFailure.Kind.UNREACHABLE, "x", null), request);
        assertThat(n.what()).isEqualTo("The relay at relay.example.org:4433 did not answer.");
        assertThat(n.action()).isEqualTo(EndNotice.WayForward.TRY_AGAIN);
    }

    @Test
    void pinMismatchSendsTheUserBackForAFreshLink() {
        EndNotice n = EndNotice.forStartFailure(new StartFailure(StartFailure.Kind.PIN_MISMATCH, "x", null), request);
        assertThat(n.what()).contains("different certificate than the one pinned in the link");
        assertThat(n.next()).contains("Ask the person who invited you for a fresh link.");
        assertThat(n.action()).isEqualTo(EndNotice.WayForward.CHECK_LINK);
    }

    @Test
    void anUnusableIdentityKeepsTheStoresSentenceAndSaysWhyItIsNotReplaced() {
        EndNotice n = EndNotice.forStartFailure(new StartFailure(StartFailure.Kind.IDENTITY,
                "The identity file ~/.parley/identity.key may be read by others; run chmod 600 on it.", null), request);
        assertThat(n.what()).contains("chmod 600");
        assertThat(n.next()).contains("never replaces your identity key");
        assertThat(n.action()).isEqualTo(EndNotice.WayForward.TRY_AGAIN);
    }

    @Test
    void refusedTokenPointsAtTheTokenField() {
        EndNotice fromStart = EndNotice.forStartFailure(new StartFailure(StartFailure.Kind.REFUSED_TOKEN, "x", null), request);
        EndNotice fromRelay = EndNotice.forEnded(new CallEvent.CallEnded(false, 2, "unauthorized")).orElseThrow();
        assertThat(fromStart).isEqualTo(fromRelay);
        assertThat(fromRelay.what()).isEqualTo("The relay refused your access token.");
        assertThat(fromRelay.action()).isEqualTo(EndNotice.WayForward.EDIT_TOKEN);
    }

    @Test
    void aCleanEndNeedsNoDialogAndAnUnknownEndUsesTheEnginesSentence() {
        assertThat(EndNotice.forEnded(new CallEvent.CallEnded(true, 0, "You left."))).isEmpty();
        assertThat(EndNotice.forEnded(new CallEvent.CallEnded(false, 0, "The relay stopped answering.")))
                .hasValueSatisfying(n -> assertThat(n.what()).isEqualTo("The relay stopped answering."));
        assertThat(EndNotice.forEnded(new CallEvent.CallEnded(false, 3, ""))).hasValueSatisfying(n ->
                assertThat(n.title()).isEqualTo("Room full"));
    }
}
