package dev.parley.client.ui.swing;

import javax.swing.BorderFactory;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.text.View;
import java.awt.Dimension;
import java.awt.Insets;

/**
 * Read-only plain text that wraps at whatever width its layout gives it and asks for exactly the
 * height that needs. A plain wrapping JTextArea reports the height of its previous width, which leaves
 * blank lines or cuts text off in a grid.
 */
final class WrappingText extends JTextArea {
    private final int fallbackWidth;

    /** @param fallbackWidth unscaled width to assume before the first layout */
    WrappingText(String text, int fallbackWidth) {
        super(text);
        this.fallbackWidth = fallbackWidth;
        setEditable(false);
        setFocusable(false);
        setLineWrap(true);
        setWrapStyleWord(true);
        setOpaque(false);
        setBorder(BorderFactory.createEmptyBorder());
    }

    @Override
    public void updateUI() {
        super.updateUI();
        setFont(UIManager.getFont("Label.font"));
    }

    @Override
    public Dimension getPreferredSize() {
        int width = getWidth() > 0 ? getWidth() : Ui.px(fallbackWidth);
        Insets in = getInsets();
        View root = getUI().getRootView(this);
        root.setSize(Math.max(1, width - in.left - in.right), Integer.MAX_VALUE / 2f);
        int height = (int) Math.ceil(root.getPreferredSpan(View.Y_AXIS)) + in.top + in.bottom;
        return new Dimension(width, height);
    }

    @Override
    public Dimension getMinimumSize() {
        return new Dimension(Ui.px(60), getPreferredSize().height);
    }

    @Override
    public void setBounds(int x, int y, int width, int height) {
        boolean widthChanged = width != getWidth();
        super.setBounds(x, y, width, height);
        if (widthChanged && getPreferredSize().height != height) {
            // The height depends on the width just given: lay out once more with the right height.
            SwingUtilities.invokeLater(this::revalidate);
        }
    }
}
