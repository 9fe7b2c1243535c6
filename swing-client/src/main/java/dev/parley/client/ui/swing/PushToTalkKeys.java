package dev.parley.client.ui.swing;

import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.text.JTextComponent;
import java.awt.Component;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Holding Space talks while push-to-talk is on.
 *
 * <p>This is a {@link KeyEventDispatcher} rather than an InputMap binding on purpose: a focused button
 * binds Space itself and would win over any window-level binding, and the key's release must be seen
 * wherever focus is. Text fields keep their Space. Key auto-repeat on X11 sends release+press pairs
 * while a key is held, so a release only counts once no press followed within a short grace.
 */
final class PushToTalkKeys implements KeyEventDispatcher {
    private static final int RELEASE_GRACE_MS = 60;

    private final JComponent screen;
    private final BooleanSupplier enabled;
    private final Consumer<Boolean> talk;
    private final Timer release;
    private boolean held;

    PushToTalkKeys(JComponent screen, BooleanSupplier enabled, Consumer<Boolean> talk) {
        this.screen = screen;
        this.enabled = enabled;
        this.talk = talk;
        this.release = new Timer(RELEASE_GRACE_MS, e -> {
            held = false;
            talk.accept(false);
        });
        release.setRepeats(false);
    }

    void install() {
        KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(this);
    }

    void uninstall() {
        KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(this);
        release.stop();
        if (held) {
            held = false;
            talk.accept(false);
        }
    }

    @Override
    public boolean dispatchKeyEvent(KeyEvent e) {
        if (e.getKeyCode() != KeyEvent.VK_SPACE && e.getKeyChar() != ' ') {
            return false;
        }
        if (!enabled.getAsBoolean() || !screen.isShowing()) {
            return false;
        }
        Component focus = e.getComponent();
        Window focusWindow = focus instanceof Window w ? w : SwingUtilities.getWindowAncestor(focus);
        if (focus instanceof JTextComponent || focus == null
                || SwingUtilities.getWindowAncestor(screen) != focusWindow) {
            return false;
        }
        switch (e.getID()) {
            case KeyEvent.KEY_PRESSED -> {
                release.stop();
                if (!held) {
                    held = true;
                    talk.accept(true);
                }
            }
            case KeyEvent.KEY_RELEASED -> release.restart();
            default -> {
                // KEY_TYPED: swallowed, so a focused button is not pressed by Space.
            }
        }
        return true;
    }

    boolean held() {
        return held;
    }
}
