package dev.parley.client.ui.swing;

import dev.parley.client.ui.model.EndNotice;

import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.BoxLayout;
import java.awt.Component;
import java.lang.System.Logger.Level;

/**
 * Every failure ends here: a dialog with plain sentences, and the technical detail in the log, never
 * on screen. Runs on the event thread.
 */
public final class FailureDialogs {
    private static final System.Logger LOG = System.getLogger(FailureDialogs.class.getName());

    private FailureDialogs() {
    }

    /**
     * Shows a failed or ended call. Returns true when the user took the way forward the notice offers
     * (for example "Try again").
     */
    public static boolean show(Component parent, EndNotice notice, Throwable detail) {
        LOG.log(Level.WARNING, notice.title() + ": " + notice.what(), detail);
        String forward = switch (notice.action()) {
            case TRY_AGAIN -> "Try again";
            case CHECK_LINK -> "Check the link";
            case EDIT_TOKEN -> "Enter a token";
            case CHOOSE_DEVICE -> "Choose devices";
            case NONE -> null;
        };
        Object[] options = forward == null ? new Object[] {"Close"} : new Object[] {forward, "Close"};
        int choice = JOptionPane.showOptionDialog(parent, body(notice.what(), notice.next()), notice.title(),
                JOptionPane.DEFAULT_OPTION, JOptionPane.WARNING_MESSAGE, null, options, options[0]);
        return forward != null && choice == 0;
    }

    /** Shows an unexpected problem: {@code sentence} on screen, {@code detail} in the log. */
    public static void problem(Component parent, String title, String sentence, Throwable detail) {
        LOG.log(Level.ERROR, title + ": " + sentence, detail);
        String where = LogSetup.logFile().map(p -> "Details were written to " + p + ".").orElse("");
        JOptionPane.showMessageDialog(parent, body(sentence, where), title, JOptionPane.ERROR_MESSAGE);
    }

    private static JPanel body(String first, String second) {
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        for (String text : new String[] {first, second}) {
            if (text != null && !text.isBlank()) {
                if (panel.getComponentCount() > 0) {
                    panel.add(javax.swing.Box.createVerticalStrut(Ui.px(8)));
                }
                panel.add(Ui.paragraph(text, 380));
            }
        }
        panel.setName("failureMessage");
        return panel;
    }
}
