package dev.parley.client.ui.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InitialsTest {

    @Test
    void firstLettersOfTheFirstAndLastWord() {
        assertThat(Initials.of("Ada Lovelace")).contains("AL");
        assertThat(Initials.of("Ada King Lovelace")).contains("AL");
        assertThat(Initials.of("bob")).contains("B");
        assertThat(Initials.of("Jean-Luc Picard")).contains("JP");
        assertThat(Initials.of("élodie durand")).contains("\u00c9D");
        assertThat(Initials.of("\u674e\u5c0f\u9f8d")).contains("\u674e");
        assertThat(Initials.of("(Zoë) 2nd")).contains("Z2");
    }

    @Test
    void noLettersForUnknownOrLetterlessNames() {
        assertThat(Initials.of(ParticipantTileModel.UNKNOWN_NAME)).isEmpty();
        assertThat(Initials.of("   ")).isEmpty();
        assertThat(Initials.of("\ud83d\ude00 \ud83c\udf89")).isEmpty();
        assertThat(Initials.of(null)).isEmpty();
    }

    @Test
    void tilesCarryTheirInitials() {
        assertThat(ParticipantTileModel.forSelf("Alice Smith", false, SpeakingMeter.Reading.SILENT).initials())
                .contains("AS");
    }
}
