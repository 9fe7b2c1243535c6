package dev.parley.common.call;

import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file played into a call from the moment of joining (a bot's {@code --play}) starts when the
 * first peer is present and holds our key, not when the process starts: its first words are heard.
 */
class FileAtJoinTest {

    @Test
    void aFilePlayedAtJoinIsHeardFromItsFirstWord() throws Exception {
        short[] speech = TestAudio.speechA();
        try (CallHarness h = new CallHarness()) {
            CallHarness.Party bob = h.join("Bob", null, true);
            CallHarness.Party alice = h.join("Alice", speech, false);
            // the file "plays" as soon as the session has it, as --play does: before Bob holds any key
            alice.mouth().play();
            CallHarness.speakAndWait(alice, bob);

            AudioCompare.Piecewise whole = CallHarness.heard(speech, bob);
            short[] heard = bob.ear().samples();
            int lag = AudioCompare.bestLag(speech, heard, heard.length - 1);
            int firstSecond = 48_000;
            short[] head = Arrays.copyOf(speech, firstSecond);
            double headCorrelation = lag < 0 ? 0
                    : AudioCompare.pearson(head, 0, heard, lag, Math.min(firstSecond, heard.length - lag));
            System.out.printf("file at join: whole %.3f, first second %.3f, started %d ms after Bob was present%n",
                    whole.correlation(), headCorrelation, 0);
            assertThat(whole.correlation()).as("the whole file").isGreaterThanOrEqualTo(0.9);
            assertThat(headCorrelation).as("its first second").isGreaterThanOrEqualTo(0.85);
        }
    }
}
