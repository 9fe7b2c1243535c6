package dev.parley.client.ui.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyNumberTest {
    private static final String DIGITS = "012345678901234567890123456789012345678901234567890123456789";

    @Test
    void twelveGroupsOfFiveInThreeLines() {
        SafetyNumber n = SafetyNumber.parse(DIGITS).orElseThrow();
        assertThat(n.groups()).hasSize(12).allMatch(g -> g.length() == 5);
        assertThat(n.display()).isEqualTo("""
                01234 56789 01234 56789
                01234 56789 01234 56789
                01234 56789 01234 56789""");
    }

    @Test
    void acceptsAnyGroupingButOnlySixtyDigits() {
        assertThat(SafetyNumber.parse("01234 56789\n" + DIGITS.substring(10))).isPresent();
        assertThat(SafetyNumber.parse(DIGITS.substring(1))).isEmpty();
        assertThat(SafetyNumber.parse(DIGITS.substring(1) + "x")).isEmpty();
    }
}
