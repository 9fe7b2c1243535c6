package dev.parley.client.ui.model;

import java.util.Locale;
import java.util.Optional;

/** What a tile shows in place of a picture: the first letters of a person's first and last word. */
public final class Initials {
    private Initials() {
    }

    /**
     * "Ada Lovelace" gives "AL", "bob" gives "B", "Jean-Luc Picard" gives "JP". Empty for the unknown
     * name and for names without a letter or digit (the tile then draws a neutral placeholder).
     */
    public static Optional<String> of(String name) {
        if (name == null || name.isBlank() || ParticipantTileModel.UNKNOWN_NAME.equals(name)) {
            return Optional.empty();
        }
        String[] words = name.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        firstLetter(words[0]).ifPresent(out::append);
        if (words.length > 1) {
            firstLetter(words[words.length - 1]).ifPresent(out::append);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    private static Optional<String> firstLetter(String word) {
        return word.codePoints().filter(Character::isLetterOrDigit).boxed().findFirst()
                .map(cp -> new String(Character.toChars(cp)).toUpperCase(Locale.ROOT));
    }
}
