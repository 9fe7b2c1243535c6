package dev.parley.client.ui.profile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Display names come from other participants and are therefore untrusted text. This cleans them for
 * showing and reduces them to a form for comparing ("Alice" and " alice" are the same person to a reader).
 */
public final class DisplayNames {
    /** PROTOCOL.md 5.3: 1 to 64 Unicode code points. */
    public static final int MAX_CODE_POINTS = 64;

    private DisplayNames() {
    }

    /**
     * The name as it may be shown: control, format (bidi overrides, zero-width) and line-breaking
     * characters removed, runs of white space collapsed, trimmed, at most 64 code points. Empty when
     * nothing printable is left.
     */
    public static Optional<String> clean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        boolean pendingSpace = false;
        int count = 0;
        for (int i = 0; i < raw.length() && count < MAX_CODE_POINTS; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                count++;
                pendingSpace = false;
                if (count >= MAX_CODE_POINTS) {
                    break;
                }
            }
            out.appendCodePoint(cp);
            count++;
        }
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }

    /** The comparison form: cleaned, NFKC-normalised (fullwidth and ligature forms folded), case-folded. */
    public static String comparable(String name) {
        String cleaned = clean(name).orElse("");
        return Normalizer.normalize(cleaned, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
