package dev.parley.client.ui.swing;

import dev.parley.client.ui.model.SafetyNumberModel;

import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.UIManager;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;

/**
 * Shows the 60-digit safety number with one participant in 12 groups of 5, for comparing out of band,
 * and lets the user mark the identity as verified (or take that back).
 */
final class SafetyNumberDialog extends JDialog {

    /**
     * @param onVerify   runs when the user marks the identity verified
     * @param onUnverify runs when the user removes a verification
     */
    SafetyNumberDialog(Window owner, SafetyNumberModel model, Runnable onVerify, Runnable onUnverify) {
        super(owner, "Safety number with " + model.name(), ModalityType.DOCUMENT_MODAL);
        setName("safetyNumberDialog");

        JPanel body = new JPanel(new GridBagLayout());
        body.setBorder(Ui.padding(16, 20, 8, 20));
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = GridBagConstraints.RELATIVE;
        c.anchor = GridBagConstraints.WEST;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;

        JLabel heading = Ui.styleClass(Ui.label("Safety number with " + model.name()), "h2");
        heading.setIcon(model.verified() ? Icons.VERIFIED.sized(20) : Icons.NOT_VERIFIED.sized(20));
        body.add(heading, c);

        c.insets = new Insets(Ui.px(8), 0, 0, 0);
        body.add(Ui.paragraph("Compare these digits with " + model.name()
                + " in person or on a call you already trust. If you both see the same number,"
                + " nobody is listening in between, not even the relay.", 420), c);

        model.warning().ifPresent(w -> {
            JTextArea warning = Ui.paragraph(w, 420);
            warning.setName("safetyNumberWarning");
            Ui.style(warning, "background: $Parley.warning.background; foreground: $Parley.warning.foreground");
            warning.setOpaque(true);
            warning.setBorder(Ui.padding(6, 8, 6, 8));
            body.add(warning, c);
        });

        JTextArea number = new JTextArea(model.number().map(n -> n.display())
                .orElse("No safety number yet: " + model.name() + " has not finished joining."));
        number.setName("safetyNumberLabel");
        number.setEditable(false);
        number.setOpaque(false);
        number.setBorder(BorderFactory.createEmptyBorder());
        Font base = UIManager.getFont("Label.font");
        number.setFont(model.number().isPresent()
                ? new Font(Font.MONOSPACED, Font.BOLD, Math.round(base.getSize() * 1.6f)) : base);
        number.getAccessibleContext().setAccessibleName("Safety number");
        c.insets = new Insets(Ui.px(16), Ui.px(12), Ui.px(8), 0);
        c.fill = GridBagConstraints.NONE;
        c.anchor = GridBagConstraints.CENTER;
        body.add(number, c);

        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(Ui.px(8), 0, 0, 0);
        JLabel status = Ui.label(model.verified() ? "You have verified " + model.name() + "."
                : "Not verified yet.");
        status.setName("verificationStatus");
        body.add(status, c);

        Action close = new AbstractAction("Close") {
            @Override
            public void actionPerformed(ActionEvent e) {
                dispose();
            }
        };
        JButton closeButton = Ui.named(new JButton(close), "closeButton");
        JButton toggle;
        if (model.verified()) {
            toggle = Ui.named(new JButton("Remove verification"), "unverifyButton");
            toggle.setMnemonic(KeyEvent.VK_R);
            toggle.addActionListener(e -> {
                dispose();
                onUnverify.run();
            });
        } else {
            toggle = Ui.named(new JButton("Mark as verified"), "markVerifiedButton");
            toggle.setMnemonic(KeyEvent.VK_V);
            toggle.setIcon(Icons.VERIFIED.small());
            toggle.setEnabled(model.number().isPresent());
            toggle.setToolTipText("Only after the numbers matched, read out or seen side by side");
            toggle.addActionListener(e -> {
                dispose();
                onVerify.run();
            });
        }
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.px(8), 0));
        buttons.setBorder(Ui.padding(8, 16, 16, 16));
        buttons.add(toggle);
        buttons.add(closeButton);

        getContentPane().add(body, BorderLayout.CENTER);
        getContentPane().add(buttons, BorderLayout.SOUTH);
        getRootPane().setDefaultButton(closeButton);
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "close");
        getRootPane().getActionMap().put("close", close);
        pack();
        setResizable(false);
        setLocationRelativeTo(owner);
    }

    /** Your own 30-digit fingerprint, for others to compare. */
    static JDialog ownFingerprint(Window owner, String fingerprint) {
        JDialog d = new JDialog(owner, "Your fingerprint", ModalityType.DOCUMENT_MODAL);
        d.setName("ownFingerprintDialog");
        JPanel body = new JPanel(new BorderLayout(0, Ui.px(12)));
        body.setBorder(Ui.padding(16, 20, 16, 20));
        body.add(Ui.paragraph("This is your identity's fingerprint. Safety numbers others see with you"
                + " contain it; it stays the same in every call from this computer.", 380), BorderLayout.NORTH);
        JTextArea digits = new JTextArea(fingerprint);
        digits.setName("ownFingerprintLabel");
        digits.setEditable(false);
        digits.setOpaque(false);
        Font base = UIManager.getFont("Label.font");
        digits.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.round(base.getSize() * 1.4f)));
        body.add(digits, BorderLayout.CENTER);
        JButton close = new JButton("Close");
        close.addActionListener(e -> d.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
        buttons.add(close);
        body.add(buttons, BorderLayout.SOUTH);
        d.setContentPane(body);
        d.getRootPane().setDefaultButton(close);
        d.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "close");
        d.getRootPane().getActionMap().put("close", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                d.dispose();
            }
        });
        d.pack();
        d.setResizable(false);
        d.setLocationRelativeTo(owner);
        return d;
    }
}
