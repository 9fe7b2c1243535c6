package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.ScreenChoice;
import dev.parley.client.ui.model.CallView;
import dev.parley.client.ui.model.CallViewModel;
import dev.parley.client.ui.model.OwnVideoState;
import dev.parley.client.ui.model.ProcessingControls;
import dev.parley.client.ui.model.ParticipantTileModel;
import dev.parley.client.ui.model.ScreenShareModel;
import dev.parley.client.ui.model.Stage;
import dev.parley.client.ui.model.VideoControls;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.domain.PeerId;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.video.VideoStreamKind;

import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.ScrollPaneConstants;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.event.PopupMenuEvent;
import javax.swing.event.PopupMenuListener;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The call: a tile per participant (you first) with their camera or initials, or a main view (a
 * shared screen, an enlarged tile) with the tiles in a strip beside it; the controls below,
 * statistics on demand. Renders {@link CallView} snapshots from the {@link CallViewModel} and sends
 * the user's commands back to it; anything that needs the disk or a device goes to the {@link Host}.
 * Pictures are painted straight from the {@link CallVideo} feeds. Event thread only.
 */
public final class CallScreen extends JPanel {

    /** What the screen cannot do on the event thread or by itself. */
    public interface Host {
        /** Open the named microphone off the event thread and switch the call to it. */
        void microphoneChosen(Optional<String> device);

        /** Open the named speaker off the event thread and switch the call to it. */
        void speakerChosen(Optional<String> device);

        /** Turn the camera on (open it off the event thread, then send) or off. */
        void cameraToggled();

        /** Remember the camera; if it is on, switch to this one. */
        void cameraChosen(Optional<String> device);

        /** Start sharing a screen (asking which, if there are several) or stop. */
        void screenShareToggled();

        /** Remember a verification (disk), then tell the view model. */
        void markVerified(PeerId peer);

        /** Forget a verification (disk), then tell the view model. */
        void removeVerification(PeerId peer);

        /** Remember the push-to-talk choice. */
        void pushToTalkChanged(boolean enabled);

        /** Switch the microphone's clean-ups in the call (off the event thread) and remember them; nothing by default. */
        default void audioProcessingChanged(AudioProcessing settings) {
        }

        /** Leave the call, and get back to the start screen even if the engine never confirms. */
        void leave();

        /** Cycle the theme. */
        void toggleTheme();

        /** The current theme choice, for the toggle's words. */
        ThemeChoice theme();
    }

    private static final String GRID = "grid";
    private static final String STAGE = "stage";

    private final CallViewModel vm;
    private final CallVideo video;
    private final Host host;
    private final JLabel status = Ui.named(Ui.label(""), "statusLabel");
    private final TileGrid tiles = new TileGrid();
    private final TileGrid strip = new TileGrid("stripPanel", 1);
    private final CardLayout centerCards = new CardLayout();
    private final JPanel center = new JPanel(centerCards);
    private final MainView mainView;
    private boolean showingGrid = true;
    /** Participant tiles and screen tiles, by item id. */
    private Map<String, JComponent> items = new LinkedHashMap<>();
    private final JPanel shareBanner = new JPanel(new BorderLayout(Ui.px(12), 0));
    private final JPanel notice = new JPanel(new BorderLayout(Ui.px(12), 0));
    private final JLabel noticeText = Ui.named(Ui.label(""), "videoNoticeLabel");
    private final JToggleButton camera = new JToggleButton();
    private final Action cameraAction = new AbstractAction("Start camera") {
        @Override
        public void actionPerformed(ActionEvent e) {
            host.cameraToggled();
            // The host may have done nothing (no call yet): the button shows the model's truth.
            renderVideoButtons(vm.current().video());
        }
    };
    private final JToggleButton share = new JToggleButton();
    private final Action shareAction = new AbstractAction("Share screen") {
        @Override
        public void actionPerformed(ActionEvent e) {
            host.screenShareToggled();
            renderVideoButtons(vm.current().video());
        }
    };
    private JPopupMenu screenChooser;
    private final StatsPanel stats = new StatsPanel();
    private final JToggleButton mute = new JToggleButton();
    private final Action muteAction = new AbstractAction("Mute") {
        @Override
        public void actionPerformed(ActionEvent e) {
            vm.toggleMute();
        }
    };
    private JPanel controlBar;
    private final JCheckBox pushToTalk = new JCheckBox("Push to talk (hold Space)");
    private final JCheckBox echoCancellation = new JCheckBox("Echo cancellation");
    private final JCheckBox noiseSuppression = new JCheckBox("Noise suppression");
    private final JCheckBox automaticGain = new JCheckBox("Automatic gain");
    private final WrappingText processingNotice = new WrappingText("", 600);
    private final DevicePicker microphones;
    private final DevicePicker speakers;
    private final DevicePicker cameras;
    private final JButton copyInvite = new JButton();
    private final JToggleButton statsToggle = new JToggleButton();
    private final JButton leave = new JButton();
    private final JButton theme = new JButton();
    private final PushToTalkKeys pushToTalkKeys;
    private final Timer copiedFeedback;
    private boolean rendering;

    /**
     * @param video the call's video sink, whose feeds the tiles paint
     */
    public CallScreen(CallViewModel vm, CallVideo video, Host host) {
        super(new BorderLayout());
        this.vm = vm;
        this.video = video;
        this.host = host;
        setName("callScreen");
        microphones = new DevicePicker("micPicker", "Microphone", host::microphoneChosen);
        speakers = new DevicePicker("speakerPicker", "Speaker", host::speakerChosen);
        cameras = new DevicePicker("cameraPicker", "Camera", host::cameraChosen);
        mainView = new MainView(tileActions);

        JPanel north = new JPanel();
        north.setLayout(new BoxLayout(north, BoxLayout.Y_AXIS));
        north.add(topBar());
        north.add(shareBanner());
        north.add(noticeBar());
        add(north, BorderLayout.NORTH);

        JScrollPane scroll = new JScrollPane(tiles);
        scroll.setBorder(BorderFactory.createEmptyBorder());
        tiles.setBorder(Ui.padding(12, 16, 12, 16));
        center.add(scroll, GRID);
        center.add(stage(), STAGE);
        add(center, BorderLayout.CENTER);
        stats.setVisible(false);
        add(stats, BorderLayout.EAST);
        controlBar = controls();
        add(controlBar, BorderLayout.SOUTH);
        applyThemeBorders();

        pushToTalkKeys = new PushToTalkKeys(this, pushToTalk::isSelected, vm::talk);
        copiedFeedback = new Timer(2000, e -> copyInvite.setText("Copy invite link"));
        copiedFeedback.setRepeats(false);
        vm.addListener(this::render);
    }

    private JComponent topBar() {
        JPanel bar = new JPanel(new BorderLayout(Ui.px(8), 0));
        bar.setBorder(Ui.padding(10, 16, 6, 12));
        status.setIcon(Icons.LOCK.small());
        Ui.styleClass(status, "large");
        bar.add(status, BorderLayout.CENTER);
        theme.setName("themeButton");
        theme.setIcon(Icons.THEME.small());
        theme.setText(Themes.describe(host.theme()));
        theme.setMnemonic(KeyEvent.VK_H);
        theme.addActionListener(e -> {
            host.toggleTheme();
            theme.setText(Themes.describe(host.theme()));
        });
        bar.add(theme, BorderLayout.EAST);
        return bar;
    }

    /** The main view with the strip of tiles beside it. */
    private JComponent stage() {
        JScrollPane stripScroll = new JScrollPane(strip, ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER) {
            @Override
            public Dimension getPreferredSize() {
                // Room for the scroll bar, so a long strip does not squeeze its tiles.
                Dimension d = super.getPreferredSize();
                return new Dimension(d.width + getVerticalScrollBar().getPreferredSize().width, d.height);
            }
        };
        stripScroll.setBorder(BorderFactory.createEmptyBorder());
        strip.setBorder(Ui.padding(0, 0, 0, 4));
        JPanel panel = new JPanel(new BorderLayout(Ui.px(12), 0));
        panel.setName("stagePanel");
        panel.setBorder(Ui.padding(12, 16, 12, 12));
        panel.add(mainView, BorderLayout.CENTER);
        panel.add(stripScroll, BorderLayout.EAST);
        return panel;
    }

    private JComponent shareBanner() {
        shareBanner.setName("shareBanner");
        shareBanner.setBorder(Ui.padding(8, 16, 8, 12));
        shareBanner.setOpaque(true);
        Ui.style(shareBanner, "background: $Parley.sharing.background");
        JLabel text = Ui.named(Ui.label("You are sharing your screen"), "shareBannerLabel");
        text.setIcon(Icons.SCREEN_SHARE.small());
        Ui.style(text, "foreground: $Parley.sharing.foreground");
        JButton stop = Ui.named(new JButton("Stop sharing"), "stopShareButton");
        stop.setMnemonic(KeyEvent.VK_O);
        stop.setToolTipText("Stop showing your screen to the call");
        stop.addActionListener(e -> vm.stopVideo(VideoStreamKind.SCREEN));
        shareBanner.add(text, BorderLayout.CENTER);
        shareBanner.add(stop, BorderLayout.EAST);
        shareBanner.setVisible(false);
        return shareBanner;
    }

    /** A video problem, in a sentence, until dismissed: the call goes on, so no dialog is in the way. */
    private JComponent noticeBar() {
        notice.setName("videoNotice");
        notice.setBorder(Ui.padding(6, 16, 6, 12));
        notice.setOpaque(true);
        Ui.style(notice, "background: $Parley.warning.background");
        noticeText.setIcon(Icons.WARNING.small());
        Ui.style(noticeText, "foreground: $Parley.warning.foreground");
        JButton dismiss = Ui.named(new JButton("Dismiss"), "dismissNoticeButton");
        dismiss.addActionListener(e -> vm.dismissVideoNotice());
        notice.add(noticeText, BorderLayout.CENTER);
        notice.add(dismiss, BorderLayout.EAST);
        notice.setVisible(false);
        return notice;
    }

    private JPanel controls() {
        mute.setAction(muteAction);
        mute.setName("muteButton");
        mute.setMnemonic(KeyEvent.VK_M);
        int menuKey = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        KeyStroke muteKey = KeyStroke.getKeyStroke(KeyEvent.VK_M, menuKey);
        getInputMap(WHEN_IN_FOCUSED_WINDOW).put(muteKey, "toggleMute");
        getActionMap().put("toggleMute", muteAction);
        mute.setToolTipText("Mute or unmute your microphone ("
                + ((menuKey & InputEvent.META_DOWN_MASK) != 0 ? "\u2318M" : "Ctrl+M") + ")");

        camera.setAction(cameraAction);
        camera.setName("cameraButton");
        camera.setMnemonic(KeyEvent.VK_E);
        KeyStroke cameraKey = KeyStroke.getKeyStroke(KeyEvent.VK_E, menuKey);
        getInputMap(WHEN_IN_FOCUSED_WINDOW).put(cameraKey, "toggleCamera");
        getActionMap().put("toggleCamera", cameraAction);
        camera.setToolTipText("Turn your camera on or off ("
                + ((menuKey & InputEvent.META_DOWN_MASK) != 0 ? "\u2318E" : "Ctrl+E") + ")");
        share.setAction(shareAction);
        share.setName("shareButton");
        share.setMnemonic(KeyEvent.VK_R);
        share.setToolTipText("Show one of your screens to everyone in the call");

        pushToTalk.setName("pushToTalkCheck");
        pushToTalk.setMnemonic(KeyEvent.VK_P);
        pushToTalk.setToolTipText("Your microphone stays muted except while you hold the Space bar");
        pushToTalk.addActionListener(e -> {
            if (!rendering) {
                vm.setPushToTalk(pushToTalk.isSelected());
                host.pushToTalkChanged(pushToTalk.isSelected());
            }
        });

        copyInvite.setName("copyInviteButton");
        copyInvite.setText("Copy invite link");
        copyInvite.setIcon(Icons.COPY.small());
        copyInvite.setMnemonic(KeyEvent.VK_C);
        copyInvite.setToolTipText("Copies the link with the room secret: share it only with people you invite");
        copyInvite.addActionListener(e -> vm.inviteLink().ifPresent(link -> {
            Clipboards.copy(link);
            copyInvite.setText("Copied");
            copiedFeedback.restart();
        }));

        statsToggle.setName("statsButton");
        statsToggle.setText("Statistics");
        statsToggle.setIcon(Icons.STATS.small());
        statsToggle.setMnemonic(KeyEvent.VK_T);
        statsToggle.addActionListener(e -> {
            stats.setVisible(statsToggle.isSelected());
            revalidate();
        });

        leave.setName("leaveButton");
        leave.setText("Leave");
        leave.setIcon(Icons.LEAVE.small());
        leave.setMnemonic(KeyEvent.VK_L);
        Ui.style(leave, "background: $Parley.leave.background; foreground: $Parley.leave.foreground;"
                + " hoverBackground: darken($Parley.leave.background,8%); borderColor: $Parley.leave.background");
        leave.addActionListener(e -> {
            leave.setEnabled(false);
            host.leave();
        });

        JLabel micLabel = Ui.label("Microphone");
        micLabel.setIcon(Icons.MIC.small());
        micLabel.setDisplayedMnemonic(KeyEvent.VK_I);
        micLabel.setLabelFor(microphones);
        JLabel speakerLabel = Ui.label("Speaker");
        speakerLabel.setIcon(Icons.SPEAKER.small());
        speakerLabel.setDisplayedMnemonic(KeyEvent.VK_S);
        speakerLabel.setLabelFor(speakers);
        JLabel cameraLabel = Ui.label("Camera");
        cameraLabel.setIcon(Icons.CAMERA.small());
        cameraLabel.setDisplayedMnemonic(KeyEvent.VK_A);
        cameraLabel.setLabelFor(cameras);

        // Two rows: devices and push-to-talk above, the actions people reach for below. One row did
        // not fit a 1040-pixel window at 100 % scale, let alone at 150 %.
        JPanel devices = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(0, 0, 0, Ui.px(6));
        devices.add(micLabel, c);
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.insets = new Insets(0, 0, 0, Ui.px(16));
        devices.add(microphones, c);
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        c.insets = new Insets(0, 0, 0, Ui.px(6));
        devices.add(speakerLabel, c);
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.insets = new Insets(0, 0, 0, Ui.px(16));
        devices.add(speakers, c);
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        c.insets = new Insets(0, 0, 0, Ui.px(6));
        devices.add(cameraLabel, c);
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.insets = new Insets(0, 0, 0, Ui.px(16));
        devices.add(cameras, c);
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        c.insets = new Insets(0, 0, 0, 0);
        devices.add(pushToTalk, c);
        for (DevicePicker picker : new DevicePicker[] {microphones, speakers, cameras}) {
            picker.setMinimumSize(new java.awt.Dimension(Ui.px(120), picker.getPreferredSize().height));
        }

        JPanel actions = new JPanel(new GridBagLayout());
        GridBagConstraints a = new GridBagConstraints();
        a.insets = new Insets(0, 0, 0, Ui.px(8));
        actions.add(mute, a);
        actions.add(camera, a);
        actions.add(share, a);
        a.weightx = 1;
        actions.add(new JPanel(), a);
        a.weightx = 0;
        actions.add(copyInvite, a);
        actions.add(statsToggle, a);
        a.insets = new Insets(0, 0, 0, 0);
        actions.add(leave, a);

        JPanel upper = new JPanel(new BorderLayout(0, Ui.px(6)));
        upper.add(devices, BorderLayout.NORTH);
        upper.add(processingRow(), BorderLayout.SOUTH);
        JPanel bar = new JPanel(new BorderLayout(0, Ui.px(10)));
        bar.add(upper, BorderLayout.NORTH);
        bar.add(actions, BorderLayout.SOUTH);
        return bar;
    }

    /** The microphone's clean-ups, one toggle each, and why there are none when the computer lacks them. */
    private JComponent processingRow() {
        toggle(echoCancellation, "echoCancellationCheck", KeyEvent.VK_N,
                "Removes the sound of your speakers from your microphone, so others do not hear themselves");
        toggle(noiseSuppression, "noiseSuppressionCheck", KeyEvent.VK_U,
                "Quiets steady background noise such as fans, keyboards and traffic");
        toggle(automaticGain, "automaticGainCheck", KeyEvent.VK_G,
                "Brings a quiet or distant voice up to a normal level");
        JPanel toggles = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(0, 0, 0, Ui.px(16));
        for (JCheckBox box : new JCheckBox[] {echoCancellation, noiseSuppression, automaticGain}) {
            toggles.add(box, c);
        }
        c.weightx = 1;
        toggles.add(new JPanel(), c);
        processingNotice.setName("processingNotice");
        processingNotice.setVisible(false);
        JPanel row = new JPanel(new BorderLayout(0, Ui.px(4)));
        row.setName("processingPanel");
        row.add(toggles, BorderLayout.NORTH);
        row.add(processingNotice, BorderLayout.SOUTH);
        return row;
    }

    private void toggle(JCheckBox box, String name, int mnemonic, String tip) {
        box.setName(name);
        box.setMnemonic(mnemonic);
        box.setToolTipText(tip);
        box.addActionListener(e -> {
            if (!rendering) {
                AudioProcessing chosen = new AudioProcessing(echoCancellation.isSelected(),
                        noiseSuppression.isSelected(), automaticGain.isSelected());
                vm.setAudioProcessing(chosen);
                host.audioProcessingChanged(chosen);
            }
        });
    }

    /** Separator lines take the theme's colour; called again when the theme changes. */
    private void applyThemeBorders() {
        stats.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(0, 1, 0, 0, Themes.color("Parley.tile.borderColor", getForeground())),
                Ui.padding(12, 12, 12, 12)));
        controlBar.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, Themes.color("Parley.tile.borderColor", getForeground())),
                Ui.padding(10, 16, 12, 16)));
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (controlBar != null) {
            applyThemeBorders();
        }
    }

    /** Shows the devices the system lists, with the ones in use selected. */
    public void setDevices(List<String> mics, List<String> speakerNames, Optional<String> mic, Optional<String> speaker) {
        microphones.fill(mics, mic);
        speakers.fill(speakerNames, speaker);
    }

    /** Shows the cameras the system lists, with the chosen one selected. */
    public void setCameras(List<String> names, Optional<String> chosen) {
        cameras.fill(names, chosen);
    }

    public void revertCamera(Optional<String> device) {
        cameras.select(device);
    }

    /**
     * Lets the user pick one of several screens, in a menu at the share button; {@code chosen} gets
     * the pick, or empty when the menu is closed without one.
     */
    public void chooseScreen(List<ScreenChoice> screens, Consumer<Optional<ScreenChoice>> chosen) {
        JPopupMenu menu = new JPopupMenu();
        menu.setName("screenChooser");
        boolean[] picked = {false};
        for (int i = 0; i < screens.size(); i++) {
            ScreenChoice choice = screens.get(i);
            JMenuItem item = Ui.plain(new JMenuItem(choice.label()));
            item.setName("screenChoice-" + i);
            item.setIcon(Icons.SCREEN_SHARE.small());
            item.addActionListener(e -> {
                picked[0] = true;
                menu.setVisible(false);
                chosen.accept(Optional.of(choice));
            });
            menu.add(item);
        }
        menu.addPopupMenuListener(new PopupMenuListener() {
            @Override
            public void popupMenuWillBecomeVisible(PopupMenuEvent e) {
            }

            @Override
            public void popupMenuWillBecomeInvisible(PopupMenuEvent e) {
                // After the item's action, which runs once the menu has closed.
                SwingUtilities.invokeLater(() -> {
                    if (!picked[0]) {
                        picked[0] = true;
                        chosen.accept(Optional.empty());
                    }
                });
            }

            @Override
            public void popupMenuCanceled(PopupMenuEvent e) {
            }
        });
        screenChooser = menu;
        menu.show(share, 0, -menu.getPreferredSize().height);
    }

    /** Puts a picker back after a device failed to open. */
    public void revertMicrophone(Optional<String> device) {
        microphones.select(device);
    }

    public void revertSpeaker(Optional<String> device) {
        speakers.select(device);
    }

    public void setPushToTalk(boolean enabled) {
        vm.setPushToTalk(enabled);
    }

    /** The theme changed elsewhere: refresh the toggle's words. */
    public void themeChanged() {
        theme.setText(Themes.describe(host.theme()));
    }

    @Override
    public void addNotify() {
        super.addNotify();
        pushToTalkKeys.install();
        SwingUtilities.invokeLater(mute::requestFocusInWindow);
    }

    @Override
    public void removeNotify() {
        pushToTalkKeys.uninstall();
        copiedFeedback.stop();
        super.removeNotify();
    }

    private void render(CallView v) {
        rendering = true;
        try {
            status.setText(v.statusText());
            Ui.style(status, v.state() == ConnectionState.RECONNECTING
                    ? "foreground: $Parley.warning.foreground; background: $Parley.warning.background"
                    : null);
            status.setOpaque(v.state() == ConnectionState.RECONNECTING);
            mute.setSelected(v.muted());
            mute.setText(v.muted() ? "Unmute" : "Mute");
            mute.setIcon(v.muted() ? Icons.MIC_OFF.small() : Icons.MIC.small());
            muteAction.setEnabled(!v.pushToTalk());
            pushToTalk.setSelected(v.pushToTalk());
            boolean ended = v.ended().isPresent();
            copyInvite.setEnabled(!ended && vm.control().isPresent());
            leave.setEnabled(!ended && leave.isEnabled());
            cameraAction.setEnabled(!ended);
            shareAction.setEnabled(!ended);
            renderVideoButtons(v.video());
            renderProcessing(v.processing(), ended);
            shareBanner.setVisible(v.video().sharing());
            noticeText.setText(v.video().notice().orElse(""));
            noticeText.setToolTipText(v.video().notice().orElse(null));
            notice.setVisible(v.video().notice().isPresent());
            if (v.video().camera() == OwnVideoState.OFF) {
                // The self view goes at once, whatever pictures were still on their way.
                video.camera(Optional.empty()).clear();
            }
            renderItems(v);
            stats.show(v.stats());
        } finally {
            rendering = false;
        }
    }

    private void renderProcessing(ProcessingControls p, boolean ended) {
        boolean usable = p.available() && !ended;
        echoCancellation.setSelected(p.available() && p.settings().echoCancellation());
        noiseSuppression.setSelected(p.available() && p.settings().noiseSuppression());
        automaticGain.setSelected(p.available() && p.settings().automaticGain());
        for (JCheckBox box : new JCheckBox[] {echoCancellation, noiseSuppression, automaticGain}) {
            box.setEnabled(usable);
        }
        String notice = p.unavailable().orElse("");
        if (!processingNotice.getText().equals(notice)) {
            processingNotice.setText(notice);
            processingNotice.setVisible(!notice.isEmpty());
            revalidate();
        }
    }

    private void renderVideoButtons(VideoControls v) {
        camera.setSelected(v.camera() != OwnVideoState.OFF);
        camera.setText(switch (v.camera()) {
            case OFF -> "Start camera";
            case STARTING -> "Starting camera\u2026";
            case ON -> "Stop camera";
        });
        camera.setIcon(v.camera() == OwnVideoState.OFF ? Icons.CAMERA_OFF.small() : Icons.CAMERA.small());
        share.setSelected(v.screen() != OwnVideoState.OFF);
        share.setText(switch (v.screen()) {
            case OFF -> "Share screen";
            case STARTING -> "Starting to share\u2026";
            case ON -> "Stop sharing";
        });
        share.setIcon(Icons.SCREEN_SHARE.small());
    }

    /**
     * Updates every tile and screen in place, then puts them where the stage says: all in the grid,
     * or one large in the main view and the rest in the strip. Components move only when the
     * arrangement changes, so a slider being dragged or a focused button survives updates.
     */
    private void renderItems(CallView v) {
        Map<String, JComponent> next = new LinkedHashMap<>();
        for (ParticipantTileModel m : v.tiles()) {
            if (items.get(m.tileId()) instanceof ParticipantTile tile) {
                tile.update(m);
                next.put(m.tileId(), tile);
            } else {
                next.put(m.tileId(), new ParticipantTile(m, tileActions, video.camera(m.peerId())));
            }
        }
        for (ScreenShareModel s : v.screens()) {
            if (items.get(s.itemId()) instanceof ScreenTile tile) {
                tile.update(s);
                next.put(s.itemId(), tile);
            } else {
                next.put(s.itemId(), new ScreenTile(s, video.screen(s.peer()), tileActions));
            }
        }
        items = next;

        Stage stage = v.stage();
        boolean grid = stage.isGrid();
        List<JComponent> order = stage.items().stream().map(next::get).filter(Objects::nonNull).toList();
        TileGrid target = grid ? tiles : strip;
        TileGrid other = grid ? strip : tiles;
        if (grid != showingGrid || other.getComponentCount() > 0 || !List.of(target.getComponents()).equals(order)) {
            other.removeAll();
            target.removeAll();
            order.forEach(target::add);
            for (TileGrid g : new TileGrid[] {tiles, strip}) {
                g.revalidate();
                g.repaint();
            }
            centerCards.show(center, grid ? GRID : STAGE);
            showingGrid = grid;
        }
        stage.main().ifPresent(main -> showMain(v, main, stage.enlarged()));
    }

    private void showMain(CallView v, String item, boolean enlarged) {
        Optional<ParticipantTileModel> tile = v.tile(item);
        if (tile.isPresent()) {
            ParticipantTileModel m = tile.get();
            mainView.show(item, video.camera(m.peerId()), m.video(), m.self(), m.initials(),
                    m.self() ? m.name() + " (you)" : m.name(), m.video() ? Icons.CAMERA : Icons.YOU);
        } else {
            v.screen(item).ifPresent(s -> mainView.show(item, video.screen(s.peer()), true, false, Optional.empty(),
                    s.caption(), Icons.SCREEN_SHARE));
        }
    }

    private final TileActions tileActions = new TileActions() {
        @Override
        public void volumeChanged(PeerId peer, double volume) {
            vm.setVolume(peer, volume);
        }

        @Override
        public void showSafetyNumber(PeerId peer) {
            vm.safetyNumber(peer).ifPresent(model -> new SafetyNumberDialog(SwingUtilities.getWindowAncestor(
                    CallScreen.this), model, () -> host.markVerified(peer), () -> host.removeVerification(peer))
                    .setVisible(true));
        }

        @Override
        public void showOwnFingerprint() {
            vm.ownFingerprint().ifPresent(f -> SafetyNumberDialog.ownFingerprint(
                    SwingUtilities.getWindowAncestor(CallScreen.this), f).setVisible(true));
        }

        @Override
        public void toggleEnlarged(String itemId) {
            vm.toggleEnlarged(itemId);
        }
    };

    PushToTalkKeys pushToTalkKeys() {
        return pushToTalkKeys;
    }

    MainView mainView() {
        return mainView;
    }

    /** The screen chooser last shown, if any. */
    Optional<JPopupMenu> screenChooser() {
        return Optional.ofNullable(screenChooser);
    }
}
