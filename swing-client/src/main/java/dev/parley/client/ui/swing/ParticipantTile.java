package dev.parley.client.ui.swing;

import com.formdev.flatlaf.ui.FlatLineBorder;
import dev.parley.client.ui.model.Badge;
import dev.parley.client.ui.model.ParticipantTileModel;

import javax.swing.BorderFactory;
import javax.swing.Icon;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;

/**
 * One participant on the call screen: their camera picture (or initials) above their name, badge,
 * speaking level, volume and safety number. Built once per participant and updated in place from
 * each new {@link ParticipantTileModel}, so focus and a slider being dragged survive updates. A
 * double-click enlarges it.
 */
final class ParticipantTile extends JPanel {
    static final int TILE_WIDTH = 250;
    private final String tileId;
    private final JLabel name = Ui.styleClass(Ui.label(""), "h3");
    private final JLabel muted = Ui.label("");
    private final JLabel badge = Ui.label("");
    private final WrappingText warning = new WrappingText("", TILE_WIDTH - 28);
    private final WrappingText detail = new WrappingText("", TILE_WIDTH - 28);
    private final SpeakingIndicator speaking = new SpeakingIndicator();
    private final JLabel volumeLabel = Ui.label("Volume");
    private final JSlider volume = new JSlider(0, 200, 100);
    private final JButton safety = new JButton();
    private final VideoView video = new VideoView(TILE_WIDTH - 28, (TILE_WIDTH - 28) * 9 / 16, true);
    private final VideoFeed feed;
    private ParticipantTileModel model;
    private boolean updating;

    /** @param feed the camera pictures of this participant (yours on your own tile) */
    ParticipantTile(ParticipantTileModel initial, TileActions actions, VideoFeed feed) {
        super(new GridBagLayout());
        this.tileId = initial.tileId();
        this.feed = feed;
        video.setName("video-" + tileId);
        setName("tile-" + tileId);
        name.setName("name-" + tileId);
        muted.setName("muted-" + tileId);
        badge.setName("badge-" + tileId);
        warning.setName("warning-" + tileId);
        detail.setName("detail-" + tileId);
        Ui.styleClass(detail, "small");
        speaking.setName("speaking-" + tileId);
        volume.setName("volume-" + tileId);
        safety.setName("safetyButton-" + tileId);

        Ui.style(this, "arc: $Parley.tile.arc; background: lighten(@background,3%)");
        Ui.style(warning, "background: $Parley.warning.background; foreground: $Parley.warning.foreground");
        warning.setOpaque(true);
        warning.setBorder(Ui.padding(4, 6, 4, 6));
        Ui.styleClass(badge, "small");
        Ui.styleClass(muted, "small");
        muted.setIcon(Icons.MIC_OFF.small());

        volume.setFocusable(true);
        // Narrower than a slider asks for, so the row fits a tile in the strip; wider tiles stretch it.
        volume.setPreferredSize(new Dimension(Ui.px(120), volume.getPreferredSize().height));
        volumeLabel.setLabelFor(volume);
        volumeLabel.setIcon(Icons.SPEAKER.small());
        volume.addChangeListener(e -> {
            if (!updating && model != null && model.peerId().isPresent()) {
                actions.volumeChanged(model.peerId().get(), volume.getValue() / 100.0);
            }
        });
        safety.addActionListener(e -> {
            if (model == null) {
                return;
            }
            if (model.self()) {
                actions.showOwnFingerprint();
            } else {
                model.peerId().ifPresent(actions::showSafetyNumber);
            }
        });

        MouseAdapter doubleClick = new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && javax.swing.SwingUtilities.isLeftMouseButton(e)) {
                    actions.toggleEnlarged(tileId);
                }
            }
        };
        addMouseListener(doubleClick);
        video.addMouseListener(doubleClick);
        video.setToolTipText("Double-click to enlarge or go back");

        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 2;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.insets = new Insets(0, 0, Ui.px(8), 0);
        add(video, c);

        c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = 1;
        c.weightx = 1;
        c.anchor = GridBagConstraints.WEST;
        c.fill = GridBagConstraints.HORIZONTAL;
        add(name, c);
        c.gridx = 1;
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        c.anchor = GridBagConstraints.EAST;
        add(muted, c);

        c.gridx = 0;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.WEST;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.gridy = 2;
        c.insets = new Insets(Ui.px(2), 0, 0, 0);
        add(badge, c);
        c.gridy = 3;
        c.insets = new Insets(Ui.px(6), 0, 0, 0);
        add(warning, c);
        c.gridy = 4;
        c.insets = new Insets(Ui.px(4), 0, 0, 0);
        add(detail, c);
        c.gridy = 5;
        c.insets = new Insets(Ui.px(10), 0, 0, 0);
        add(speaking, c);

        JPanel volumeRow = new JPanel(new GridBagLayout());
        volumeRow.setOpaque(false);
        GridBagConstraints v = new GridBagConstraints();
        volumeRow.add(volumeLabel, v);
        v.weightx = 1;
        v.fill = GridBagConstraints.HORIZONTAL;
        v.insets = new Insets(0, Ui.px(6), 0, 0);
        volumeRow.add(volume, v);
        c.gridy = 6;
        c.insets = new Insets(Ui.px(8), 0, 0, 0);
        add(volumeRow, c);

        c.gridy = 7;
        c.fill = GridBagConstraints.NONE;
        add(safety, c);

        // Takes the spare height of a tall row, so every tile's content stays at the top.
        c.gridy = 8;
        c.weighty = 1;
        add(javax.swing.Box.createGlue(), c);

        update(initial);
    }

    String tileId() {
        return tileId;
    }

    ParticipantTileModel model() {
        return model;
    }

    SpeakingIndicator speakingIndicator() {
        return speaking;
    }

    VideoView videoView() {
        return video;
    }

    void update(ParticipantTileModel m) {
        ParticipantTileModel old = model;
        model = m;
        speaking.show(m.level(), m.speaking());
        video.show(feed, m.video(), m.self(), m.initials());
        if (old != null && sameExceptLevels(old, m)) {
            if (old.speaking() != m.speaking() || old.activeSpeaker() != m.activeSpeaker()) {
                applyBorder(m);
            }
            return;
        }
        name.setText(m.name());
        name.setToolTipText(m.name());
        muted.setText(m.mutedText());
        muted.setVisible(m.muted());
        badge.setText(m.badgeText());
        badge.setIcon(badgeIcon(m.badge()));
        badge.setToolTipText(m.badgeDetail());
        badge.setForeground(Themes.color(switch (m.badge()) {
            case VERIFIED -> "Parley.verified";
            case FAILED -> "Parley.failed";
            case JOINING, YOU -> "Parley.joining";
            case NOT_VERIFIED -> "Parley.secondaryText";
        }, getForeground()));
        warning.setText(m.warning().orElse(""));
        warning.setVisible(m.warning().isPresent());
        boolean failed = m.badge() == Badge.FAILED;
        // Failed verification shows its reason on the tile itself; other badges explain in a tooltip.
        detail.setText(failed ? m.badgeDetail() : "");
        detail.setVisible(failed);
        speaking.setVisible(!failed);
        volumeLabel.setVisible(m.volumeAdjustable());
        volume.setVisible(m.volumeAdjustable());
        if (!volume.getValueIsAdjusting()) {
            updating = true;
            volume.setValue((int) Math.round(m.volume() * 100));
            updating = false;
        }
        volume.getAccessibleContext().setAccessibleName("Volume of " + m.name());
        safety.setText(m.self() ? "Your fingerprint\u2026" : "Safety number\u2026");
        // A key on every tile: the green verified shield here sat beside "Not verified" and read as a claim.
        safety.setIcon(Icons.KEY.small());
        safety.setEnabled(m.safetyNumberAvailable());
        safety.setVisible(!failed);
        safety.setToolTipText(m.self() ? "Show your fingerprint, for others to compare"
                : "Compare safety numbers with " + m.name());
        video.getAccessibleContext().setAccessibleName(m.self() ? "Your camera" : "Camera of " + m.name());
        getAccessibleContext().setAccessibleName(m.name() + ", " + m.badgeText()
                + (m.muted() ? ", " + m.mutedText() : ""));
        getAccessibleContext().setAccessibleDescription(m.badgeDetail() + m.warning().map(w -> " " + w).orElse(""));
        applyBorder(m);
        revalidate();
        repaint();
    }

    /**
     * The frame says the most important thing: a warning, else who is the active speaker (thick), else
     * who else is speaking (thin, in the speaking colour).
     */
    private void applyBorder(ParticipantTileModel m) {
        Color line = m.warning().isPresent() ? Themes.color("Parley.failed", Color.RED)
                : m.activeSpeaker() || m.speaking() ? Themes.color("Parley.speaking", Color.GREEN)
                : Themes.color("Parley.tile.borderColor", Color.GRAY);
        float thickness = m.warning().isPresent() ? 2.5f : m.activeSpeaker() ? 3f : m.speaking() ? 1.5f : 1f;
        setBorder(BorderFactory.createCompoundBorder(
                new FlatLineBorder(new Insets(3, 3, 3, 3), line, thickness, 16),
                BorderFactory.createEmptyBorder(Ui.px(9), Ui.px(11), Ui.px(9), Ui.px(11))));
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (model != null) {
            ParticipantTileModel m = model;
            model = null;
            update(m);
        }
    }

    /** A fixed width (scaled), so long names or warnings wrap or truncate instead of widening the grid. */
    @Override
    public Dimension getPreferredSize() {
        return new Dimension(Ui.px(TILE_WIDTH), super.getPreferredSize().height);
    }

    private static boolean sameExceptLevels(ParticipantTileModel a, ParticipantTileModel b) {
        return a.equals(new ParticipantTileModel(b.tileId(), b.peerId(), b.name(), b.badge(), b.badgeText(),
                b.badgeDetail(), b.warning(), a.level(), a.speaking(), b.muted(), b.mutedText(), b.volume(),
                b.volumeAdjustable(), b.safetyNumberAvailable(), b.initials(), b.video(), a.activeSpeaker()));
    }

    private static Icon badgeIcon(Badge b) {
        return switch (b) {
            case YOU -> Icons.YOU.small();
            case JOINING -> Icons.JOINING.small();
            case NOT_VERIFIED -> Icons.NOT_VERIFIED.small();
            case VERIFIED -> Icons.VERIFIED.small();
            case FAILED -> Icons.FAILED.small();
        };
    }
}
