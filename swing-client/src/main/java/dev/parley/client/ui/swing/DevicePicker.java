package dev.parley.client.ui.swing;

import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A combo box of sound devices with "System default" first. Filling it never reports a choice; only
 * the user's selections reach the listener.
 */
final class DevicePicker extends JComboBox<DevicePicker.Choice> {
    private boolean filling;

    /** One entry: a device name, or empty for the system default. */
    record Choice(Optional<String> device) {
        @Override
        public String toString() {
            return device.orElse("System default");
        }
    }

    DevicePicker(String name, String accessibleName, Consumer<Optional<String>> chosen) {
        setName(name);
        putClientProperty("html.disable", Boolean.TRUE);
        getAccessibleContext().setAccessibleName(accessibleName);
        setPrototypeDisplayValue(new Choice(Optional.of("A reasonably long device name")));
        fill(List.of(), Optional.empty());
        addActionListener(e -> {
            if (!filling && getSelectedItem() instanceof Choice c) {
                chosen.accept(c.device());
            }
        });
    }

    /** Replaces the list; {@code selected} stays selected even if the system no longer lists it. */
    void fill(List<String> devices, Optional<String> selected) {
        filling = true;
        try {
            DefaultComboBoxModel<Choice> model = new DefaultComboBoxModel<>();
            model.addElement(new Choice(Optional.empty()));
            devices.forEach(d -> model.addElement(new Choice(Optional.of(d))));
            selected.filter(s -> !devices.contains(s)).ifPresent(s -> model.addElement(new Choice(Optional.of(s))));
            setModel(model);
            setSelectedItem(new Choice(selected));
        } finally {
            filling = false;
        }
    }

    /** Selects without reporting it, e.g. to undo a choice that failed. */
    void select(Optional<String> device) {
        filling = true;
        try {
            setSelectedItem(new Choice(device));
        } finally {
            filling = false;
        }
    }

    Optional<String> selected() {
        return getSelectedItem() instanceof Choice c ? c.device() : Optional.empty();
    }
}
