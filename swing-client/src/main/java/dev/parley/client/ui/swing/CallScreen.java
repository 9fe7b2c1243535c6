package dev.parley.client.ui.swing;

import dev.parley.client.ui.model.CallView;
import dev.parley.client.ui.model.CallViewModel;
import dev.parley.client.ui.model.ParticipantTileModel;
import dev.parley.client.ui.profile.ThemeChoice;
import dev.parley.common.call.ConnectionState;
import dev.parley.common.domain.PeerId;

import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call: a tile per participant (you first), the controls below, statistics on demand. Renders
 * {@link CallView} snapshots from the {@link CallViewModel} and sends the user's commands back to it;
 * anything that needs the disk or a sound device goes to the {@link Host}. Event thread only.
 */
public final class CallScreen extends JPanel {

    /** What the screen cannot do on the event thread or by itself. */
    public interface Host {
        /** Open the named microphone off the event thread and switch the call to it. */
        void microphoneChosen(Optional<String> device);

        /** Open the named speaker off the event thread and switch the call to it. */
        void speakerChosen(Optional<String> device);

        /** Remember a verification (disk), then tell the view model. */
        void markVerified(PeerId peer);

        /** Forget a verification (disk), then tell the view model. */
        void removeVerification(PeerId peer);

        /** Remember the push-to-talk choice. */
        void pushToTalkChanged(boolean enabled);

        /** Leave the call, and get back to the start screen even if the engine never confirms. */
        void leave();

        /** Cycle the theme. */
        void toggleTheme();

        /** The current theme choice, for the toggle's words. */
        ThemeChoice theme();
    }

    private final CallViewModel vm;
    private final Host host;
    private final JLabel status = Ui.named(Ui.label(""), "statusLabel");
    private final TileGrid tiles = new TileGrid();
    private final Map<String, ParticipantTile> tilesById = new LinkedHashMap<>();
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
    private final DevicePicker microphones;
    private final DevicePicker speakers;
    private final JButton copyInvite = new JButton();
    private final JToggleButton statsToggle = new JToggleButton();
    private final JButton leave = new JButton();
    private final JButton theme = new JButton();
    private final PushToTalkKeys pushToTalkKeys;
    private final Timer copiedFeedback;
    private boolean rendering;

    public CallScreen(CallViewModel vm, Host host) {
        super(new BorderLayout());
        this.vm = vm;
        this.host = host;
        setName("callScreen");
        microphones = new DevicePicker("micPicker", "Microphone", host::microphoneChosen);
        speakers = new DevicePicker("speakerPicker", "Speaker", host::speakerChosen);

        add(topBar(), BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(tiles);
        scroll.setBorder(BorderFactory.createEmptyBorder());
        tiles.setBorder(Ui.padding(12, 16, 12, 16));
        add(scroll, BorderLayout.CENTER);
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
        c.insets = new Insets(0, 0, 0, 0);
        devices.add(pushToTalk, c);
        for (DevicePicker picker : new DevicePicker[] {microphones, speakers}) {
            picker.setMinimumSize(new java.awt.Dimension(Ui.px(120), picker.getPreferredSize().height));
        }

        JPanel actions = new JPanel(new GridBagLayout());
        GridBagConstraints a = new GridBagConstraints();
        a.insets = new Insets(0, 0, 0, Ui.px(8));
        actions.add(mute, a);
        a.weightx = 1;
        actions.add(new JPanel(), a);
        a.weightx = 0;
        actions.add(copyInvite, a);
        actions.add(statsToggle, a);
        a.insets = new Insets(0, 0, 0, 0);
        actions.add(leave, a);

        JPanel bar = new JPanel(new BorderLayout(0, Ui.px(10)));
        bar.add(devices, BorderLayout.NORTH);
        bar.add(actions, BorderLayout.SOUTH);
        return bar;
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
            renderTiles(v.tiles());
            stats.show(v.stats());
        } finally {
            rendering = false;
        }
    }

    private void renderTiles(List<ParticipantTileModel> models) {
        List<String> order = new ArrayList<>();
        boolean changed = false;
        Map<String, ParticipantTile> next = new LinkedHashMap<>();
        for (ParticipantTileModel m : models) {
            order.add(m.tileId());
            ParticipantTile tile = tilesById.get(m.tileId());
            if (tile == null) {
                tile = new ParticipantTile(m, tileActions);
                changed = true;
            } else {
                tile.update(m);
            }
            next.put(m.tileId(), tile);
        }
        if (changed || !order.equals(new ArrayList<>(tilesById.keySet()))) {
            tiles.removeAll();
            next.values().forEach(tiles::add);
            tilesById.clear();
            tilesById.putAll(next);
            tiles.revalidate();
            tiles.repaint();
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
    };

    PushToTalkKeys pushToTalkKeys() {
        return pushToTalkKeys;
    }
}
