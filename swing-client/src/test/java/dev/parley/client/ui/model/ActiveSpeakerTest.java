package dev.parley.client.ui.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveSpeakerTest {
    private final ActiveSpeaker active = new ActiveSpeaker();

    @Test
    void theLoudestAboveTheThresholdIsHighlightedAtOnce() {
        assertThat(active.update(Map.of("2", 0.05, "3", 0.04), 0)).as("below the threshold").isEmpty();
        assertThat(active.update(Map.of("2", 0.3, "3", 0.6), 100)).contains("3");
    }

    @Test
    void itHoldsThroughPausesAndEndsAfterTheHold() {
        active.update(Map.of("2", 0.5), 0);
        assertThat(active.update(Map.of("2", 0.0), 500)).as("a breath").contains("2");
        assertThat(active.update(Map.of("2", 0.0), ActiveSpeaker.HOLD_MS)).contains("2");
        assertThat(active.update(Map.of("2", 0.0), ActiveSpeaker.HOLD_MS + 100)).isEmpty();
        assertThat(active.current(ActiveSpeaker.HOLD_MS + 100)).isEmpty();
    }

    @Test
    void someoneElseTakesOverOnlyAfterBeingLoudestForAWhile() {
        active.update(Map.of("2", 0.5, "3", 0.0), 0);
        // Carol interjects, louder, for less than the switch time: Bob keeps the highlight.
        assertThat(active.update(Map.of("2", 0.2, "3", 0.7), 100)).contains("2");
        assertThat(active.update(Map.of("2", 0.2, "3", 0.7), 100 + ActiveSpeaker.SWITCH_MS - 1)).contains("2");
        assertThat(active.update(Map.of("2", 0.6, "3", 0.1), 800)).as("Bob louder again resets her run").contains("2");
        assertThat(active.update(Map.of("2", 0.1, "3", 0.7), 900)).contains("2");
        assertThat(active.update(Map.of("2", 0.1, "3", 0.7), 900 + ActiveSpeaker.SWITCH_MS)).contains("3");
    }

    @Test
    void aQuietActiveSpeakerGivesWayToTheNextAfterTheSwitchTime() {
        active.update(Map.of("2", 0.5), 0);
        assertThat(active.update(Map.of("2", 0.0, "self", 0.4), 200)).contains("2");
        assertThat(active.update(Map.of("2", 0.0, "self", 0.4), 200 + ActiveSpeaker.SWITCH_MS)).contains("self");
    }

    @Test
    void aParticipantWhoLeftIsForgotten() {
        active.update(Map.of("2", 0.5), 0);
        active.forget("2");
        assertThat(active.current(10)).isEmpty();
        assertThat(active.update(Map.of("3", 0.5), 20)).contains("3");
    }
}
