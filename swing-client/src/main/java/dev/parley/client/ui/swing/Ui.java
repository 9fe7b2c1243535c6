package dev.parley.client.ui.swing;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;

import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import javax.swing.border.Border;

/** Small helpers every screen uses. */
final class Ui {
    private Ui() {
    }

    /**
     * A label that never interprets its text as HTML: names, reasons and messages can come from other
     * participants or the relay, and Swing renders any text starting with {@code <html>} as markup.
     */
    static JLabel label(String text) {
        JLabel l = new JLabel(text);
        plain(l);
        return l;
    }

    static <T extends JComponent> T plain(T component) {
        component.putClientProperty("html.disable", Boolean.TRUE);
        return component;
    }

    /** A wrapping, read-only paragraph that looks like a label; plain text only. */
    static JTextArea paragraph(String text) {
        JTextArea a = new JTextArea(text);
        a.setEditable(false);
        a.setFocusable(false);
        a.setLineWrap(true);
        a.setWrapStyleWord(true);
        a.setOpaque(false);
        a.setBorder(BorderFactory.createEmptyBorder());
        a.setFont(UIManager.getFont("Label.font"));
        a.setForeground(UIManager.getColor("Label.foreground"));
        return a;
    }

    /** A paragraph laid out for a fixed width, so dialogs get its wrapped height right from the start. */
    static JTextArea paragraph(String text, int unscaledWidth) {
        JTextArea a = paragraph(text);
        a.setSize(px(unscaledWidth), Short.MAX_VALUE);
        a.setPreferredSize(new java.awt.Dimension(px(unscaledWidth), a.getPreferredSize().height));
        return a;
    }

    static <T extends JComponent> T styleClass(T component, String styleClass) {
        component.putClientProperty(FlatClientProperties.STYLE_CLASS, styleClass);
        return component;
    }

    static <T extends JComponent> T style(T component, String style) {
        component.putClientProperty(FlatClientProperties.STYLE, style);
        return component;
    }

    static <T extends JComponent> T named(T component, String name) {
        component.setName(name);
        return component;
    }

    /** Pixels at the current UI scale (HiDPI). */
    static int px(int unscaled) {
        return UIScale.scale(unscaled);
    }

    static Border padding(int top, int left, int bottom, int right) {
        return BorderFactory.createEmptyBorder(px(top), px(left), px(bottom), px(right));
    }
}
