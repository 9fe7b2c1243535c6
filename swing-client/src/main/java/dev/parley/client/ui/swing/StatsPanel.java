package dev.parley.client.ui.swing;

import dev.parley.client.ui.model.StatsView;

import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.List;

/** Live call statistics: the call as a whole, then one row per participant we hear. */
final class StatsPanel extends JPanel {
    private final JLabel rtt = value("statsRtt");
    private final JLabel bitrateOut = value("statsBitrateOut");
    private final JLabel target = value("statsTargetBitrate");
    private final JLabel keyId = value("statsKeyId");
    private final JLabel since = value("statsSinceRotation");
    private final JLabel echo = value("statsEcho");
    private final JTextArea relay = new JTextArea();
    private final Rows rows = new Rows();

    StatsPanel() {
        super(new BorderLayout(0, Ui.px(10)));
        setName("statsPanel");
        setBorder(Ui.padding(12, 12, 12, 12));

        JPanel summary = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(Ui.px(2), 0, Ui.px(2), Ui.px(12));
        JLabel title = Ui.styleClass(Ui.label("Call statistics"), "h3");
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 2;
        summary.add(title, c);
        c.gridwidth = 1;
        row(summary, c, 1, "Round trip to relay", rtt);
        row(summary, c, 2, "Sending", bitrateOut);
        row(summary, c, 3, "Encoder target", target);
        row(summary, c, 4, "Your current key", keyId);
        row(summary, c, 5, "Key last changed", since);
        row(summary, c, 6, "Echo cancellation", echo);
        c.gridx = 2;
        c.weightx = 1;
        summary.add(new JPanel(), c);
        c.weightx = 0;

        relay.setName("statsRelayFingerprint");
        relay.setEditable(false);
        relay.setOpaque(false);
        relay.setFont(new Font(Font.MONOSPACED, Font.PLAIN, getFont().getSize()));
        relay.getAccessibleContext().setAccessibleName("Relay certificate fingerprint");
        c.gridx = 0;
        c.gridy = 7;
        c.gridwidth = 2;
        c.insets = new Insets(Ui.px(6), 0, 0, 0);
        summary.add(Ui.styleClass(Ui.label("Relay certificate (SHA-256)"), "small"), c);
        c.gridy = 8;
        c.insets = new Insets(0, 0, 0, 0);
        summary.add(relay, c);
        add(summary, BorderLayout.NORTH);

        JTable table = new JTable(rows);
        table.setName("statsTable");
        table.setFillsViewportHeight(true);
        table.setRowSelectionAllowed(false);
        table.setFocusable(false);
        DefaultTableCellRenderer right = new DefaultTableCellRenderer();
        right.setHorizontalAlignment(JLabel.RIGHT);
        right.putClientProperty("html.disable", Boolean.TRUE);
        DefaultTableCellRenderer left = new DefaultTableCellRenderer();
        left.putClientProperty("html.disable", Boolean.TRUE);
        table.getColumnModel().getColumn(0).setCellRenderer(left);
        for (int i = 1; i < rows.getColumnCount(); i++) {
            table.getColumnModel().getColumn(i).setCellRenderer(right);
        }
        int[] widths = {90, 55, 60, 55, 90, 40, 60};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(Ui.px(widths[i]));
        }
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(Ui.px(500), Ui.px(140)));
        table.getTableHeader().setToolTipText("Loss in: of their audio, on the way to you. Loss out: of your audio, as they report it.");
        add(scroll, BorderLayout.CENTER);
    }

    void show(StatsView v) {
        rtt.setText(v.rtt());
        bitrateOut.setText(v.bitrateOut());
        target.setText(v.targetBitrate());
        keyId.setText(v.keyId());
        since.setText(v.sinceRotation());
        echo.setText(v.echo());
        if (!relay.getText().equals(v.relayFingerprint())) {
            relay.setText(v.relayFingerprint());
        }
        rows.set(v.peers());
    }

    private static JLabel value(String name) {
        return Ui.named(Ui.label("\u2014"), name);
    }

    private static void row(JPanel p, GridBagConstraints c, int y, String caption, JLabel value) {
        c.gridy = y;
        c.gridx = 0;
        JLabel l = Ui.label(caption + ":");
        l.setLabelFor(value);
        p.add(l, c);
        c.gridx = 1;
        p.add(value, c);
    }

    /** The per-participant table; rows replaced only when their text changed. */
    private static final class Rows extends AbstractTableModel {
        private static final String[] COLUMNS = {"Participant", "Loss in", "Jitter", "Buffer", "Receiving", "Key",
                "Loss out"};
        private List<StatsView.Row> data = List.of();

        void set(List<StatsView.Row> next) {
            if (!next.equals(data)) {
                data = next;
                fireTableDataChanged();
            }
        }

        @Override
        public int getRowCount() {
            return data.size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int column) {
            return COLUMNS[column];
        }

        @Override
        public Object getValueAt(int row, int column) {
            StatsView.Row r = data.get(row);
            return switch (column) {
                case 0 -> r.name();
                case 1 -> r.loss();
                case 2 -> r.jitter();
                case 3 -> r.buffer();
                case 4 -> r.bitrateIn();
                case 5 -> r.keyId();
                default -> r.theirLoss();
            };
        }
    }
}
