package dev.parley.client.ui.swing;

import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import java.awt.BorderLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.Optional;

/**
 * The large view: a shared screen, or a tile the user enlarged, with a caption below. A double-click
 * goes back.
 */
final class MainView extends JPanel {
    private final VideoView video = new VideoView(640, 360);
    private final JLabel caption = Ui.label("");
    private final JLabel hint = Ui.label("Double-click to go back");
    private String itemId = "";

    MainView(TileActions actions) {
        super(new BorderLayout(0, Ui.px(6)));
        setName("mainView");
        video.setName("mainVideo");
        caption.setName("mainCaption");
        Ui.styleClass(caption, "h3");
        Ui.styleClass(hint, "small");
        hint.setName("mainHint");
        setOpaque(false);
        video.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && SwingUtilities.isLeftMouseButton(e) && !itemId.isEmpty()) {
                    actions.toggleEnlarged(itemId);
                }
            }
        });
        add(video, BorderLayout.CENTER);
        JPanel captionRow = new JPanel(new BorderLayout(Ui.px(12), 0));
        captionRow.setOpaque(false);
        captionRow.add(caption, BorderLayout.CENTER);
        captionRow.add(hint, BorderLayout.EAST);
        add(captionRow, BorderLayout.SOUTH);
    }

    /**
     * Shows an item large.
     *
     * @param item     its id, for the double-click
     * @param feed     its pictures
     * @param live     whether pictures are coming (otherwise the initials)
     * @param mirror   a self view
     * @param initials without a picture
     * @param text     the caption
     * @param icon     the caption's icon
     */
    void show(String item, VideoFeed feed, boolean live, boolean mirror, Optional<String> initials, String text,
              Icons icon) {
        itemId = item;
        video.show(feed, live, mirror, initials);
        caption.setText(text);
        caption.setIcon(icon.small());
        video.getAccessibleContext().setAccessibleName(text);
        video.setToolTipText(text + ". Double-click to go back.");
    }

    String itemId() {
        return itemId;
    }

    VideoView videoView() {
        return video;
    }
}
