package dev.parley.client.ui.model;

import dev.parley.client.ui.profile.VerifiedContacts;
import dev.parley.client.ui.testing.FakeCallControl;
import dev.parley.client.ui.testing.MutableClock;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallStats;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.domain.PeerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

import static dev.parley.client.ui.testing.Participants.failed;
import static dev.parley.client.ui.testing.Participants.joining;
import static dev.parley.client.ui.testing.Participants.key;
import static dev.parley.client.ui.testing.Participants.present;
import static org.assertj.core.api.Assertions.assertThat;

class CallViewModelTest {
    private static final PeerId BOB = new PeerId(2);
    private static final PeerId CAROL = new PeerId(3);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final List<CallView> seen = new ArrayList<>();
    private final FakeCallControl control = new FakeCallControl();
    private VerifiedContacts contacts;
    private CallViewModel vm;

    @BeforeEach
    void setUp() {
        contacts = VerifiedContacts.empty(dir.resolve("c.txt"), clock);
        vm = new CallViewModel("Alice", contacts, uiQueue::add, clock, new StatsFormat(Locale.ROOT));
        vm.addListener(seen::add);
    }

    private void runUi() {
        Runnable r;
        while ((r = uiQueue.poll()) != null) {
            r.run();
        }
    }

    @Test
    void eventsReachTheViewOnlyThroughTheUiExecutor() {
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        assertThat(vm.current().peers()).as("nothing before the UI thread runs").isEmpty();
        runUi();
        assertThat(vm.current().peers()).extracting(ParticipantTileModel::name).containsExactly("Bob");
    }

    @Test
    void theStatusLineSaysWhichRelayTheCallIsOn() {
        vm.attach(control, true);
        vm.on(new CallEvent.RelayChanged("relays.example.org (127.0.0.3):4433"));
        vm.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        runUi();
        assertThat(vm.current().statusText()).isEqualTo("In the call with 1 other person \u00b7 end-to-end encrypted"
                + " \u00b7 relay relays.example.org (127.0.0.3):4433");
    }

    @Test
    void tilesFollowJoinsChangesAndLeavesInJoinOrder() {
        vm.attach(control, true);
        vm.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, ""));
        vm.on(new CallEvent.ParticipantChanged(joining(2, "Bob", 2)));
        vm.on(new CallEvent.ParticipantChanged(present(3, "Carol", 3)));
        vm.on(new CallEvent.ParticipantChanged(failed(4, "Its card's signature does not verify.")));
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        runUi();

        CallView v = vm.current();
        assertThat(v.tiles()).extracting(ParticipantTileModel::tileId).containsExactly("self", "2", "3", "4");
        assertThat(v.tiles()).extracting(ParticipantTileModel::badge)
                .containsExactly(Badge.YOU, Badge.NOT_VERIFIED, Badge.NOT_VERIFIED, Badge.FAILED);
        assertThat(v.statusText()).isEqualTo("In the call with 2 others \u00b7 end-to-end encrypted");

        vm.on(new CallEvent.ParticipantLeft(CAROL));
        runUi();
        assertThat(vm.current().peers()).extracting(ParticipantTileModel::tileId).containsExactly("2", "4");
    }

    @Test
    void speakingLevelsAreCoalescedAndHeld() {
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        runUi();
        int before = seen.size();
        vm.on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.1), 0.0));
        vm.on(new CallEvent.SpeakingLevels(Map.of(BOB, 0.7), 0.3));
        assertThat(uiQueue).hasSize(1);
        runUi();
        assertThat(seen).hasSize(before + 1);
        assertThat(vm.current().peers().get(0).level()).isEqualTo(0.7);
        assertThat(vm.current().peers().get(0).speaking()).isTrue();
        assertThat(vm.current().self().speaking()).isTrue();

        clock.advance(Duration.ofMillis(SpeakingMeter.HOLD_MS + 100));
        vm.on(new CallEvent.SpeakingLevels(Map.of(), 0.0));
        runUi();
        assertThat(vm.current().peers().get(0).speaking()).as("absent from the map is silent").isFalse();
    }

    @Test
    void muteAndPushToTalkDriveTheControl() {
        vm.attach(control, true);
        vm.toggleMute();
        assertThat(control.muted).isTrue();
        assertThat(vm.current().self().mutedText()).isEqualTo("Muted");
        vm.toggleMute();
        assertThat(control.muted).isFalse();

        vm.setPushToTalk(true);
        assertThat(control.muted).as("push-to-talk starts muted").isTrue();
        vm.talk(true);
        assertThat(control.muted).isFalse();
        vm.talk(true);
        assertThat(control.muted).isFalse();
        vm.talk(false);
        assertThat(control.muted).isTrue();

        vm.setPushToTalk(false);
        vm.talk(true);
        assertThat(control.muted).as("the talk key does nothing without push-to-talk").isTrue();
    }

    @Test
    void volumeIsClampedAndPassedOn() {
        vm.attach(control, true);
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        runUi();
        vm.setVolume(BOB, 3.0);
        assertThat(control.volumes).containsEntry(BOB, 2.0);
        vm.setVolume(BOB, 0);
        assertThat(vm.current().peers().get(0).mutedText()).isEqualTo("Muted by you");
    }

    @Test
    void safetyNumberAndMarkingVerifiedChangeTheBadge() throws Exception {
        vm.attach(control, true);
        control.safetyNumbers.put(BOB, "01234 56789 01234 56789 01234 56789 01234 56789 01234 56789 01234 56789");
        vm.on(new CallEvent.ParticipantChanged(present(2, "Bob", 2)));
        vm.on(new CallEvent.ParticipantChanged(failed(4, "bad card")));
        runUi();

        SafetyNumberModel s = vm.safetyNumber(BOB).orElseThrow();
        assertThat(s.name()).isEqualTo("Bob");
        assertThat(s.number()).hasValueSatisfying(n -> assertThat(n.groups()).hasSize(12));
        assertThat(s.verified()).isFalse();
        assertThat(vm.verificationSubject(new PeerId(4))).isEmpty();
        assertThat(vm.safetyNumber(new PeerId(4)).orElseThrow().number()).isEmpty();

        CallViewModel.VerificationSubject subject = vm.verificationSubject(BOB).orElseThrow();
        contacts.markVerified(subject.ed25519Pub(), subject.name());
        vm.contactsChanged();
        assertThat(vm.current().peers().get(0).badge()).isEqualTo(Badge.VERIFIED);
        assertThat(vm.safetyNumber(BOB).orElseThrow().verified()).isTrue();
    }

    @Test
    void anImpostorOfAVerifiedContactIsFlagged() throws Exception {
        contacts.markVerified(key(1), "Carol");
        vm.on(new CallEvent.ParticipantChanged(present(3, "Carol", 9)));
        runUi();
        assertThat(vm.current().peers().get(0).warning()).isPresent();
        assertThat(vm.safetyNumber(CAROL).orElseThrow().warning()).isPresent();
    }

    @Test
    void statsAndRotationReachThePanel() {
        vm.on(new CallEvent.StatsUpdated(new CallStats(31, 24_000, 24_000, 1, clock.instant(), Optional.empty(),
                List.of())));
        vm.on(new CallEvent.KeysRotated(2, clock.instant()));
        runUi();
        assertThat(vm.current().stats().rtt()).isEqualTo("31 ms");
        assertThat(vm.current().stats().keyId()).isEqualTo("#2");
    }

    @Test
    void anUncleanEndCarriesItsNoticeAndACleanOneDoesNot() {
        vm.on(new CallEvent.CallEnded(false, 7, "shutting down"));
        runUi();
        assertThat(vm.current().state()).isEqualTo(ConnectionState.ENDED);
        assertThat(vm.current().ended()).hasValueSatisfying(e -> assertThat(e.notice())
                .hasValueSatisfying(n -> assertThat(n.what()).isEqualTo("The relay is shutting down.")));

        CallViewModel other = new CallViewModel("A", contacts, Runnable::run, clock, new StatsFormat(Locale.ROOT));
        other.on(new CallEvent.CallEnded(true, 0, "left"));
        assertThat(other.current().ended()).hasValueSatisfying(e -> assertThat(e.notice()).isEmpty());
        assertThat(other.current().statusText()).isEqualTo("You left the call.");
    }

    @Test
    void reconnectingSaysSo() {
        vm.on(new CallEvent.ConnectionChanged(ConnectionState.RECONNECTING, "The relay restarted."));
        runUi();
        assertThat(vm.current().statusText()).isEqualTo("Connection lost. Reconnecting\u2026 The relay restarted.");
    }

    @Test
    void aRejectingExecutorNeverThrowsIntoTheEngine() {
        CallViewModel closed = new CallViewModel("A", contacts, r -> {
            throw new java.util.concurrent.RejectedExecutionException();
        }, clock, new StatsFormat(Locale.ROOT));
        closed.on(new CallEvent.ParticipantLeft(BOB));
    }
}
