package dev.parley.client.ui.swing;

import com.formdev.flatlaf.ui.FlatLineBorder;
import dev.parley.client.ui.model.ScreenShareModel;

import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.Optional;

/**
 * A screen someone shares, small: in the grid after the user sent it back there, or in the strip
 * while something else is large. A double-click makes it the main view.
 */
final class ScreenTile extends JPanel {
    private final VideoView video = new VideoView(ParticipantTile.TILE_WIDTH - 28, (ParticipantTile.TILE_WIDTH - 28) * 9 / 16, true);
    private final JLabel caption = Ui.label("");

    ScreenTile(ScreenShareModel model, VideoFeed feed, TileActions actions) {
        super(new GridBagLayout());
        setName("screenTile-" + model.peer());
        video.setName("screenVideo-" + model.peer());
        caption.setName("screenCaption-" + model.peer());
        caption.setIcon(Icons.SCREEN_SHARE.small());
        Ui.style(this, "arc: $Parley.tile.arc; background: lighten(@background,3%)");
        video.show(feed, true, false, Optional.empty());
        video.setToolTipText("Double-click to show it large");
        MouseAdapter doubleClick = new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && SwingUtilities.isLeftMouseButton(e)) {
                    actions.toggleEnlarged(model.itemId());
                }
            }
        };
        addMouseListener(doubleClick);
        video.addMouseListener(doubleClick);

        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.NORTHWEST;
        add(video, c);
        c.insets = new Insets(Ui.px(8), 0, 0, 0);
        add(caption, c);
        c.weighty = 1;
        add(javax.swing.Box.createGlue(), c);
        update(model);
        applyBorder();
    }

    void update(ScreenShareModel model) {
        caption.setText(model.caption());
        caption.setToolTipText(model.caption());
        getAccessibleContext().setAccessibleName(model.caption());
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (caption != null) {
            applyBorder();
        }
    }

    private void applyBorder() {
        setBorder(BorderFactory.createCompoundBorder(
                new FlatLineBorder(new Insets(3, 3, 3, 3), Themes.color("Parley.tile.borderColor", Color.GRAY), 1f, 16),
                BorderFactory.createEmptyBorder(Ui.px(9), Ui.px(11), Ui.px(9), Ui.px(11))));
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(Ui.px(ParticipantTile.TILE_WIDTH), super.getPreferredSize().height);
    }
}
