package dev.parley.client.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 60-digit safety number of a pair (PROTOCOL.md section 8), for display in 12 groups of 5.
 *
 * @param digits exactly 60 ASCII digits
 */
public record SafetyNumber(String digits) {
    public static final int DIGITS = 60;
    public static final int GROUP = 5;
    public static final int GROUPS_PER_LINE = 4;

    public SafetyNumber {
        if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a safety number is 60 digits");
        }
    }

    /** Accepts the engine's text in any grouping (spaces, line breaks); empty when it is not 60 digits. */
    public static Optional<SafetyNumber> parse(String text) {
        String digits = text.replaceAll("\\s", "");
        return digits.length() == DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                ? Optional.of(new SafetyNumber(digits)) : Optional.empty();
    }

    /** The 12 groups of 5 digits. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>(DIGITS / GROUP);
        for (int i = 0; i < DIGITS; i += GROUP) {
            groups.add(digits.substring(i, i + GROUP));
        }
        return groups;
    }

    /** Three lines of four groups, the layout people read aloud. */
    public String display() {
        List<String> groups = groups();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) {
                s.append(i % GROUPS_PER_LINE == 0 ? '\n' : ' ');
            }
            s.append(groups.get(i));
        }
        return s.toString();
    }
}
