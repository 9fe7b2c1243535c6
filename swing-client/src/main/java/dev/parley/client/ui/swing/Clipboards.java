package dev.parley.client.ui.swing;

import java.awt.HeadlessException;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.lang.System.Logger.Level;

/** Copies text for pasting elsewhere. */
final class Clipboards {
    private static final System.Logger LOG = System.getLogger(Clipboards.class.getName());

    private Clipboards() {
    }

    /** Copies {@code text}; returns false (and logs why, never the text) when the clipboard is unavailable. */
    static boolean copy(String text) {
        try {
            StringSelection selection = new StringSelection(text);
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(selection, selection);
            return true;
        } catch (IllegalStateException | HeadlessException | SecurityException e) {
            LOG.log(Level.WARNING, "The clipboard is not available", e);
            return false;
        }
    }
}
