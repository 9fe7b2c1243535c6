package dev.parley.client.ui.swing;

import com.formdev.flatlaf.extras.FlatSVGUtils;

import javax.swing.JFrame;
import javax.swing.JPanel;
import java.awt.CardLayout;
import java.awt.Dimension;

/** The app's one window: the start screen or the call screen. */
public final class MainWindow extends JFrame {
    private static final String START = "start";
    private static final String CALL = "call";

    private final CardLayout cards = new CardLayout();
    private final JPanel content = new JPanel(cards);
    private CallScreen call;

    public MainWindow(StartScreen start) {
        super("Parley");
        setName("mainWindow");
        setIconImages(FlatSVGUtils.createWindowIconImages("/dev/parley/client/ui/icons/lock.svg"));
        setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
        content.add(start, START);
        setContentPane(content);
        setMinimumSize(new Dimension(Ui.px(720), Ui.px(520)));
        setSize(Ui.px(1040), Ui.px(720));
        setLocationRelativeTo(null);
    }

    public void showStart() {
        if (call != null) {
            content.remove(call);
            call = null;
        }
        cards.show(content, START);
        setTitle("Parley");
    }

    public void showCall(CallScreen screen) {
        if (call != null) {
            content.remove(call);
        }
        call = screen;
        content.add(screen, CALL);
        cards.show(content, CALL);
        setTitle("Parley \u2014 in a call");
    }

    public boolean inCall() {
        return call != null;
    }
}
