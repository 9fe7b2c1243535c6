package dev.parley.client.ui.swing;

import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.UIManager;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/** A rounded level bar that fills with the speaking colour. */
final class SpeakingIndicator extends JComponent {
    private double level;
    private boolean speaking;

    SpeakingIndicator() {
        getAccessibleContext().setAccessibleName("Speaking level");
    }

    void show(double newLevel, boolean nowSpeaking) {
        if (Math.abs(newLevel - level) > 0.01 || nowSpeaking != speaking) {
            level = newLevel;
            speaking = nowSpeaking;
            getAccessibleContext().setAccessibleDescription(speaking ? "Speaking" : "Silent");
            repaint();
        }
    }

    boolean speaking() {
        return speaking;
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(Ui.px(120), Ui.px(6));
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int h = getHeight();
            int w = getWidth();
            Color track = UIManager.getColor("Parley.tile.borderColor");
            g2.setColor(track != null ? track : Color.LIGHT_GRAY);
            g2.fillRoundRect(0, 0, w, h, h, h);
            // A perceptual curve: quiet speech should still move the bar visibly.
            int filled = (int) Math.round(w * Math.sqrt(Math.max(0, Math.min(1, level))));
            if (filled > 0) {
                Color c = Themes.color("Parley.speaking", new Color(0x2e9d4a));
                g2.setColor(speaking ? c : c.darker());
                g2.fillRoundRect(0, 0, Math.max(filled, h), h, h, h);
            }
        } finally {
            g2.dispose();
        }
    }

    @Override
    public AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public AccessibleRole getAccessibleRole() {
                    return AccessibleRole.PROGRESS_BAR;
                }
            };
        }
        return accessibleContext;
    }
}
