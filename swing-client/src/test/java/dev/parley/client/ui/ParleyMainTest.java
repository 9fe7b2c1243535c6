package dev.parley.client.ui;

import dev.parley.client.cli.HeadlessMain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's command-line side: bad input is one sentence and exit code 2, never a stack trace. */
class ParleyMainTest {

    @Test
    void aBrokenInviteLinkIsOneSentenceAndExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadlessMain.run(new String[] {"--headless", "--link", "parley://relay.example/r/short", "--name", "Ann"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("parley: the invite link is not valid: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(text.lines().count()).isEqualTo(1);
    }

    @Test
    void aMissingNameIsOneSentenceAndExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadlessMain.run(new String[] {"--headless", "--link", "parley://h/r/x"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("parley: --name is required");
    }
}
