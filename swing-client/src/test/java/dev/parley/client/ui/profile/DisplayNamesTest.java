package dev.parley.client.ui.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayNamesTest {

    @Test
    void removesBidiOverridesControlCharactersAndLineBreaks() {
        assertThat(DisplayNames.clean("Ali\u202Ece\n\tBob\u0000")).contains("Alice Bob");
        assertThat(DisplayNames.clean("  \u200B  ")).isEmpty();
        assertThat(DisplayNames.clean(null)).isEmpty();
    }

    @Test
    void keepsHtmlAsPlainTextAndCapsLengthAt64CodePoints() {
        assertThat(DisplayNames.clean("<html><b>x</b>")).contains("<html><b>x</b>");
        String emoji = "\uD83D\uDE00".repeat(70);
        assertThat(DisplayNames.clean(emoji).orElseThrow().codePointCount(0, 128)).isEqualTo(64);
    }

    @Test
    void comparableFoldsCaseWidthAndSpacing() {
        assertThat(DisplayNames.comparable(" Alice ")).isEqualTo(DisplayNames.comparable("alice"));
        assertThat(DisplayNames.comparable("\uFF21lice")).isEqualTo("alice"); // fullwidth A
        assertThat(DisplayNames.comparable("Ann  Lee")).isEqualTo("ann lee");
    }
}
