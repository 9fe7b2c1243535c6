package dev.parley.client.ui;

import dev.parley.client.ParleyMain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ParleyMainTest {

    @Test
    void headlessModeSaysSoWhenTheHeadlessClientIsNotThere() throws Exception {
        boolean present;
        try {
            Class.forName("dev.parley.client.cli.HeadlessMain");
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        assumeTrue(!present, "the headless client exists; its own tests cover --headless");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(ParleyMain.runHeadless(new String[] {"--headless", "--link", "x"})).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("headless mode is not available yet");
    }
}
