package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.domain.PeerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.parley.client.ui.testing.Participants.failed;
import static dev.parley.client.ui.testing.Participants.joining;
import static dev.parley.client.ui.testing.Participants.key;
import static dev.parley.client.ui.testing.Participants.present;
import static org.assertj.core.api.Assertions.assertThat;

/** What a tile shows in each state. */
class ParticipantTileModelTest {
    private static final SpeakingMeter.Reading QUIET = SpeakingMeter.Reading.SILENT;
    private static final SpeakingMeter.Reading LOUD = new SpeakingMeter.Reading(0.6, true);

    @TempDir
    Path dir;
    private VerifiedContacts contacts;

    @BeforeEach
    void setUp() {
        contacts = VerifiedContacts.empty(dir.resolve("c.txt"), new MutableClock(Instant.EPOCH));
    }

    @Test
    void joiningShowsNameAndJoiningBadge() {
        ParticipantTileModel t = ParticipantTileModel.forPeer(joining(2, "Bob", 2), contacts, QUIET, 1.0);
        assertThat(t.name()).isEqualTo("Bob");
        assertThat(t.tileId()).isEqualTo("2");
        assertThat(t.badge()).isEqualTo(Badge.JOINING);
        assertThat(t.badgeText()).isEqualTo("Joining\u2026");
        assertThat(t.warning()).isEmpty();
        assertThat(t.safetyNumberAvailable()).isTrue();
        assertThat(t.self()).isFalse();
    }

    @Test
    void presentAndNeverComparedIsNotVerified() {
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(2, "Bob", 2), contacts, QUIET, 1.0);
        assertThat(t.badge()).isEqualTo(Badge.NOT_VERIFIED);
        assertThat(t.badgeText()).isEqualTo("Not verified");
        assertThat(t.badgeDetail()).contains("Compare safety numbers with Bob");
        assertThat(t.volumeAdjustable()).isTrue();
        assertThat(t.muted()).isFalse();
        assertThat(t.mutedText()).isEmpty();
    }

    @Test
    void verifiedWhenTheUserMarkedThisVeryKey() throws Exception {
        contacts.markVerified(key(2), "Bob");
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(2, "Bob", 2), contacts, QUIET, 1.0);
        assertThat(t.badge()).isEqualTo(Badge.VERIFIED);
        assertThat(t.badgeText()).isEqualTo("Verified");
        assertThat(t.warning()).isEmpty();
    }

    @Test
    void verifiedKeyUnderANewNameSaysSo() throws Exception {
        contacts.markVerified(key(2), "Bob");
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(2, "Robert", 2), contacts, QUIET, 1.0);
        assertThat(t.badge()).isEqualTo(Badge.VERIFIED);
        assertThat(t.badgeDetail()).contains("\u201cBob\u201d").contains("\u201cRobert\u201d");
    }

    @Test
    void failedShowsUnknownAndTheReasonAndNoControls() {
        ParticipantTileModel t = ParticipantTileModel.forPeer(failed(3, "Its membership proof does not verify."),
                contacts, LOUD, 1.0);
        assertThat(t.name()).isEqualTo("Unknown");
        assertThat(t.badge()).isEqualTo(Badge.FAILED);
        assertThat(t.badgeText()).isEqualTo("Failed verification");
        assertThat(t.badgeDetail()).startsWith("Its membership proof does not verify.")
                .contains("not part of the call");
        assertThat(t.speaking()).isFalse();
        assertThat(t.volumeAdjustable()).isFalse();
        assertThat(t.safetyNumberAvailable()).isFalse();
    }

    @Test
    void speakingFollowsTheMeterReading() {
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(2, "Bob", 2), contacts, LOUD, 1.0);
        assertThat(t.speaking()).isTrue();
        assertThat(t.level()).isEqualTo(0.6);
    }

    @Test
    void volumeZeroIsMutedByYou() {
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(2, "Bob", 2), contacts, QUIET, 0.0);
        assertThat(t.muted()).isTrue();
        assertThat(t.mutedText()).isEqualTo("Muted by you");
        assertThat(t.volume()).isZero();
    }

    @Test
    void ownTileWhenMutedShowsNoSpeech() {
        ParticipantTileModel t = ParticipantTileModel.forSelf("Alice", true, LOUD);
        assertThat(t.self()).isTrue();
        assertThat(t.tileId()).isEqualTo(ParticipantTileModel.SELF_ID);
        assertThat(t.badge()).isEqualTo(Badge.YOU);
        assertThat(t.muted()).isTrue();
        assertThat(t.mutedText()).isEqualTo("Muted");
        assertThat(t.speaking()).isFalse();
        assertThat(t.level()).isZero();
        assertThat(t.volumeAdjustable()).isFalse();
        assertThat(ParticipantTileModel.forSelf("Alice", false, LOUD).speaking()).isTrue();
    }

    @Test
    void aVerifiedNameWithAnotherKeyGetsAWarning() throws Exception {
        contacts.markVerified(key(1), "Alice");
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(7, "alice", 9), contacts, QUIET, 1.0);
        assertThat(t.badge()).isEqualTo(Badge.NOT_VERIFIED);
        assertThat(t.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("Not the \u201cAlice\u201d you verified").contains("key is different"));
    }

    @Test
    void joiningImpostorIsWarnedAboutBeforeItIsPresent() throws Exception {
        contacts.markVerified(key(1), "Alice");
        assertThat(ParticipantTileModel.forPeer(joining(7, "Alice", 9), contacts, QUIET, 1.0).warning()).isPresent();
    }

    @Test
    void namesAreCleanedOfBidiAndControlCharacters() {
        ParticipantTileModel t = ParticipantTileModel.forPeer(present(2, "Ev\u202Ee\n", 2), contacts, QUIET, 1.0);
        assertThat(t.name()).isEqualTo("Eve");
        assertThat(t.peerId()).contains(new PeerId(2));
    }
}
