package dev.parley.client.ui.swing;

import dev.parley.client.ui.engine.JoinRequest;
import dev.parley.client.ui.model.StartViewModel;
import dev.parley.client.ui.model.StartViewModel.Check;
import dev.parley.client.ui.model.StartViewModel.Field;
import dev.parley.client.ui.profile.ThemeChoice;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JSeparator;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.KeyEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first screen: paste an invite link or make a new room on a relay, say who you are, pick devices,
 * join. Each problem is a sentence under the field it belongs to. Event thread only.
 */
public final class StartScreen extends JPanel {

    /** What the start screen asks of the app. */
    public interface Host {
        /** Start joining; the screen is busy until {@link #setBusy(boolean)} says otherwise. */
        void join(JoinRequest request);

        /** Remember the relay a new room was made on (disk). */
        void relayUsed(String relayAddress);

        void toggleTheme();

        ThemeChoice theme();
    }

    private final StartViewModel vm;
    private final Host host;
    private final JTextField link = Ui.named(new JTextField(36), "linkField");
    private final JTextField relay = Ui.named(new JTextField(20), "relayField");
    private final JTextField pin = Ui.named(new JTextField(20), "pinField");
    private final JTextField newLink = Ui.named(new JTextField(36), "newLinkField");
    private final JButton copyNewLink = Ui.named(new JButton("Copy"), "copyLinkButton");
    private final JTextField name = Ui.named(new JTextField(20), "nameField");
    private final JPasswordField token = Ui.named(new JPasswordField(20), "tokenField");
    private final DevicePicker microphones = new DevicePicker("micPicker", "Microphone", d -> { });
    private final DevicePicker speakers = new DevicePicker("speakerPicker", "Speaker", d -> { });
    private final JButton join = Ui.named(new JButton("Join call"), "joinButton");
    private final JButton newRoom = Ui.named(new JButton("New room"), "newRoomButton");
    private final JButton theme = Ui.named(new JButton(), "themeButton");
    private final JLabel busy = Ui.named(Ui.label(""), "joinProgress");
    private final Map<Field, WrappingText> messages = new EnumMap<>(Field.class);
    private final Map<Field, JComponent> fields = new EnumMap<>(Field.class);
    private JPanel newLinkRow;

    public StartScreen(StartViewModel vm, Host host) {
        super(new BorderLayout());
        this.vm = vm;
        this.host = host;
        setName("startScreen");
        fields.put(Field.LINK, link);
        fields.put(Field.RELAY, relay);
        fields.put(Field.PIN, pin);
        fields.put(Field.NAME, name);
        fields.put(Field.TOKEN, token);
        for (Field f : Field.values()) {
            WrappingText m = new WrappingText("", 440);
            Ui.style(m, "foreground: $Parley.failed");
            m.setName(f.name().toLowerCase(java.util.Locale.ROOT) + "Message");
            m.setVisible(false);
            messages.put(f, m);
        }

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(Ui.padding(28, 36, 24, 36));
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 3;
        c.anchor = GridBagConstraints.WEST;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;

        JLabel title = Ui.styleClass(Ui.label("Parley"), "h0");
        title.setIcon(Icons.LOCK.sized(28));
        form.add(title, c);
        c.gridy++;
        form.add(Ui.styleClass(Ui.label("Encrypted group calls. The relay in between cannot listen."), "large"), c);

        section(form, c, "Join a call");
        row(form, c, "Invite link", KeyEvent.VK_L, link, null);
        link.getAccessibleContext().setAccessibleDescription("The parley:// link you were sent");
        message(form, c, Field.LINK);

        section(form, c, "Or start a new room");
        row(form, c, "Relay address", KeyEvent.VK_R, relay, newRoom);
        relay.setText(vm.initialRelay());
        relay.putClientProperty("JTextField.placeholderText", "relay.example.org:4433");
        message(form, c, Field.RELAY);
        row(form, c, "Certificate pin", KeyEvent.VK_C, pin, null);
        pin.putClientProperty("JTextField.placeholderText", "optional: the relay certificate's SHA-256");
        message(form, c, Field.PIN);
        newLink.setEditable(false);
        newLink.getAccessibleContext().setAccessibleName("New room's invite link");
        copyNewLink.setIcon(Icons.COPY.small());
        copyNewLink.setMnemonic(KeyEvent.VK_O);
        copyNewLink.addActionListener(e -> {
            if (Clipboards.copy(newLink.getText())) {
                copyNewLink.setText("Copied");
                Timer t = new Timer(2000, ev -> copyNewLink.setText("Copy"));
                t.setRepeats(false);
                t.start();
            }
        });
        newLinkRow = row(form, c, "New room's link", KeyEvent.VK_K, newLink, copyNewLink);
        newLinkRow.setVisible(false);
        newRoom.setMnemonic(KeyEvent.VK_N);
        newRoom.addActionListener(e -> makeNewRoom());

        section(form, c, "You");
        row(form, c, "Your name", KeyEvent.VK_Y, name, null);
        name.setText(vm.initialName());
        message(form, c, Field.NAME);
        row(form, c, "Microphone", KeyEvent.VK_I, microphones, null);
        row(form, c, "Speaker", KeyEvent.VK_S, speakers, null);
        microphones.fill(List.of(), vm.initialMicrophone());
        speakers.fill(List.of(), vm.initialSpeaker());
        row(form, c, "Access token", KeyEvent.VK_A, token, null);
        token.putClientProperty("JTextField.placeholderText", "only if the relay asks for one");
        message(form, c, Field.TOKEN);

        JPanel bottom = new JPanel(new BorderLayout(Ui.px(12), 0));
        theme.setIcon(Icons.THEME.small());
        theme.setMnemonic(KeyEvent.VK_H);
        theme.setText(Themes.describe(host.theme()));
        theme.addActionListener(e -> {
            host.toggleTheme();
            theme.setText(Themes.describe(host.theme()));
        });
        bottom.add(theme, BorderLayout.WEST);
        bottom.add(busy, BorderLayout.CENTER);
        busy.setHorizontalAlignment(JLabel.RIGHT);
        join.setMnemonic(KeyEvent.VK_J);
        Ui.styleClass(join, "large");
        join.addActionListener(e -> tryJoin());
        bottom.add(join, BorderLayout.EAST);
        c.gridy++;
        c.insets = new Insets(Ui.px(20), 0, 0, 0);
        form.add(bottom, c);
        c.gridy++;
        c.weighty = 1;
        form.add(new JPanel(), c);

        JPanel centered = new JPanel(new GridBagLayout());
        centered.add(form, new GridBagConstraints());
        JScrollPane scroll = new JScrollPane(centered);
        scroll.setBorder(null);
        add(scroll, BorderLayout.CENTER);

        onEdit(link, () -> showCheck(Field.LINK, link.getText().isBlank() ? Optional.empty()
                : vm.checkLink(link.getText()).problem()));
        onEdit(name, () -> showCheck(Field.NAME, vm.checkName(name.getText()).problem()));
        onEdit(relay, () -> showCheck(Field.RELAY, Optional.empty()));
        onEdit(pin, () -> showCheck(Field.PIN, Optional.empty()));
        onEdit(token, () -> showCheck(Field.TOKEN, Optional.empty()));
    }

    @Override
    public void addNotify() {
        super.addNotify();
        SwingUtilities.invokeLater(() -> {
            if (SwingUtilities.getRootPane(this) != null) {
                SwingUtilities.getRootPane(this).setDefaultButton(join);
            }
            (link.getText().isBlank() ? link : join).requestFocusInWindow();
        });
    }

    /** Fills the device pickers; the remembered devices stay selected. */
    public void setDevices(List<String> mics, List<String> speakerNames) {
        microphones.fill(mics, microphones.selected());
        speakers.fill(speakerNames, speakers.selected());
    }

    /** While joining: the join button waits and says so. */
    public void setBusy(boolean joining) {
        join.setEnabled(!joining);
        newRoom.setEnabled(!joining);
        busy.setText(joining ? "Connecting\u2026" : "");
    }

    /** Shows a message under a field and puts the cursor there: the way forward after a failure. */
    public void focus(Field field, Optional<String> message) {
        message.ifPresent(m -> showCheck(field, Optional.of(m)));
        fields.get(field).requestFocusInWindow();
    }

    /** Focus the device pickers after a device failed. */
    public void focusDevices() {
        microphones.requestFocusInWindow();
    }

    public Optional<String> selectedMicrophone() {
        return microphones.selected();
    }

    public Optional<String> selectedSpeaker() {
        return speakers.selected();
    }

    public void themeChanged() {
        theme.setText(Themes.describe(host.theme()));
    }

    private void tryJoin() {
        Check<JoinRequest> check = vm.join(link.getText(), name.getText(), new String(token.getPassword()),
                microphones.selected(), speakers.selected());
        if (check instanceof Check.Invalid<JoinRequest> invalid) {
            focus(invalid.field(), Optional.of(invalid.message()));
            return;
        }
        messages.keySet().forEach(f -> showCheck(f, Optional.empty()));
        host.join(((Check.Valid<JoinRequest>) check).value());
    }

    private void makeNewRoom() {
        Check<StartViewModel.NewRoom> check = vm.newRoom(relay.getText(), pin.getText());
        if (check instanceof Check.Invalid<StartViewModel.NewRoom> invalid) {
            focus(invalid.field(), Optional.of(invalid.message()));
            return;
        }
        StartViewModel.NewRoom room = ((Check.Valid<StartViewModel.NewRoom>) check).value();
        showCheck(Field.RELAY, Optional.empty());
        showCheck(Field.PIN, Optional.empty());
        newLink.setText(room.text());
        newLink.setCaretPosition(0);
        link.setText(room.text());
        newLinkRow.setVisible(true);
        revalidate();
        copyNewLink.requestFocusInWindow();
        host.relayUsed(StartViewModel.relayAddressOf(room.link()));
    }

    private void showCheck(Field field, Optional<String> problem) {
        WrappingText m = messages.get(field);
        m.setText(problem.orElse(""));
        if (m.isVisible() != problem.isPresent()) {
            m.setVisible(problem.isPresent());
            revalidate();
        }
        fields.get(field).putClientProperty("JComponent.outline", problem.isPresent() ? "error" : null);
    }

    private static void section(JPanel form, GridBagConstraints c, String title) {
        c.gridy++;
        c.gridx = 0;
        c.gridwidth = 3;
        c.insets = new Insets(Ui.px(18), 0, Ui.px(2), 0);
        form.add(new JSeparator(), c);
        c.gridy++;
        c.insets = new Insets(Ui.px(4), 0, Ui.px(6), 0);
        form.add(Ui.styleClass(Ui.label(title), "h3"), c);
    }

    private static JPanel row(JPanel form, GridBagConstraints c, String caption, int mnemonic, JComponent field,
                              JComponent extra) {
        JPanel row = new JPanel(new GridBagLayout());
        GridBagConstraints r = new GridBagConstraints();
        r.anchor = GridBagConstraints.WEST;
        JLabel label = Ui.label(caption);
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(field);
        label.setPreferredSize(new Dimension(Ui.px(130), label.getPreferredSize().height));
        row.add(label, r);
        r.weightx = 1;
        r.fill = GridBagConstraints.HORIZONTAL;
        row.add(field, r);
        if (extra != null) {
            r.weightx = 0;
            r.insets = new Insets(0, Ui.px(8), 0, 0);
            row.add(extra, r);
        }
        c.gridy++;
        c.gridx = 0;
        c.gridwidth = 3;
        c.insets = new Insets(Ui.px(4), 0, 0, 0);
        form.add(row, c);
        return row;
    }

    private void message(JPanel form, GridBagConstraints c, Field field) {
        c.gridy++;
        c.insets = new Insets(Ui.px(2), Ui.px(130), Ui.px(2), 0);
        form.add(messages.get(field), c);
    }

    private static void onEdit(javax.swing.text.JTextComponent field, Runnable check) {
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                check.run();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                check.run();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                check.run();
            }
        });
    }
}
