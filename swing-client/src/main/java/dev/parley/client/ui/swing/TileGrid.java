package dev.parley.client.ui.swing;

import javax.swing.JPanel;
import javax.swing.Scrollable;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Insets;
import java.awt.LayoutManager;
import java.awt.Rectangle;

/**
 * The participants panel: equal-width cells, as many per row as the width allows (up to a limit: one
 * for the strip beside a main view), rows growing downward and scrolling when they do not fit. Cell
 * width follows the widest tile, so it scales with the UI font.
 */
final class TileGrid extends JPanel implements Scrollable {

    TileGrid() {
        this("participantsPanel", Integer.MAX_VALUE);
    }

    TileGrid(String name, int maxColumns) {
        super(new Layout(maxColumns));
        setName(name);
        getAccessibleContext().setAccessibleName("Participants");
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return Ui.px(24);
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return Math.max(visible.height - Ui.px(24), Ui.px(24));
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return getParent() != null && getParent().getHeight() > getPreferredSize().height;
    }

    private static final class Layout implements LayoutManager {
        private final int maxColumns;

        Layout(int maxColumns) {
            this.maxColumns = maxColumns;
        }

        @Override
        public void addLayoutComponent(String name, Component comp) {
        }

        @Override
        public void removeLayoutComponent(Component comp) {
        }

        @Override
        public Dimension preferredLayoutSize(Container parent) {
            int cellWidth = cellWidth(parent);
            Insets in = parent.getInsets();
            int n = parent.getComponentCount();
            int gap = Ui.px(12);
            int available = parent.getWidth() > 0 ? parent.getWidth() - in.left - in.right : 3 * cellWidth + 2 * gap;
            int cols = columns(available, cellWidth, gap, n);
            int height = 0;
            for (int rowStart = 0; rowStart < n; rowStart += cols) {
                height += rowHeight(parent, rowStart, cols) + (rowStart > 0 ? gap : 0);
            }
            return new Dimension(in.left + in.right + cols * cellWidth + (cols - 1) * gap, in.top + in.bottom + height);
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            Insets in = parent.getInsets();
            return new Dimension(cellWidth(parent) + in.left + in.right, Ui.px(120) + in.top + in.bottom);
        }

        @Override
        public void layoutContainer(Container parent) {
            int cellWidth = cellWidth(parent);
            Insets in = parent.getInsets();
            int gap = Ui.px(12);
            int available = parent.getWidth() - in.left - in.right;
            int n = parent.getComponentCount();
            int cols = columns(available, cellWidth, gap, n);
            int width = Math.max(cellWidth, (available - (cols - 1) * gap) / cols);
            int y = in.top;
            for (int rowStart = 0; rowStart < n; rowStart += cols) {
                // Each row is as tall as its tallest tile: one warning does not stretch every row.
                int height = rowHeight(parent, rowStart, cols);
                for (int i = rowStart; i < Math.min(n, rowStart + cols); i++) {
                    parent.getComponent(i).setBounds(in.left + (i - rowStart) * (width + gap), y, width, height);
                }
                y += height + gap;
            }
        }

        private static int rowHeight(Container parent, int rowStart, int cols) {
            int h = Ui.px(120);
            for (int i = rowStart; i < Math.min(parent.getComponentCount(), rowStart + cols); i++) {
                h = Math.max(h, parent.getComponent(i).getPreferredSize().height);
            }
            return h;
        }

        private int columns(int available, int cellWidth, int gap, int n) {
            int fit = Math.max(1, (available + gap) / (cellWidth + gap));
            return Math.max(1, Math.min(Math.min(fit, maxColumns), Math.max(n, 1)));
        }

        private static int cellWidth(Container parent) {
            int w = Ui.px(ParticipantTile.TILE_WIDTH);
            for (Component c : parent.getComponents()) {
                w = Math.max(w, c.getPreferredSize().width);
            }
            return w;
        }
    }
}
