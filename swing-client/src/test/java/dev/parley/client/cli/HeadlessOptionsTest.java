package dev.parley.client.cli;

import dev.parley.common.media.AudioProcessing;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadlessOptionsTest {

    @Test
    void parsesTheFullCommandLine() throws Exception {
        HeadlessOptions o = HeadlessOptions.parse(new String[] {"--headless", "--link", "parley://h/r/x", "--name", "Ann",
                "--play", "a.wav", "--record", "b.wav", "--duration", "30s", "--stats", "--bitrate", "24000"});
        assertThat(o.link()).isEqualTo("parley://h/r/x");
        assertThat(o.name()).isEqualTo("Ann");
        assertThat(o.play()).contains(Path.of("a.wav"));
        assertThat(o.record()).contains(Path.of("b.wav"));
        assertThat(o.duration()).contains(Duration.ofSeconds(30));
        assertThat(o.stats()).isTrue();
        assertThat(o.bitrate()).contains(24_000);
        assertThat(o.sends()).isTrue();
        assertThat(o.receives()).isTrue();
    }

    @Test
    void withoutPlayOrInputItSendsNothingAndWithoutRecordOrOutputItPlaysNothing() throws Exception {
        HeadlessOptions o = HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n"});
        assertThat(o.sends()).isFalse();
        assertThat(o.receives()).isFalse();
        assertThat(o.token()).isEmpty();
    }

    @Test
    void durationsInSeveralUnits() throws Exception {
        assertThat(HeadlessOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HeadlessOptions.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(HeadlessOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HeadlessOptions.parseDuration("3")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--name", "n"}))
                .hasMessageStartingWith("--link is required");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "l"}))
                .hasMessageStartingWith("--name is required");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--duration", "soon"}))
                .hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--bitrate", "8000"}))
                .hasMessageContaining("between 16000 and 64000");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--frobnicate"}))
                .hasMessageStartingWith("unknown option --frobnicate");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "--name", "n"}))
                .hasMessage("--link needs a value");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--play", "a", "--input", "mic"}))
                .hasMessage("use either --play or --input, not both");
    }

    @Test
    void aMicrophoneIsCleanedUpUnlessToldOtherwiseAndAFileNever() throws Exception {
        assertThat(HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--input", "default"})
                .audioProcessing()).isEqualTo(AudioProcessing.ALL);
        assertThat(HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--play", "a.wav"})
                .audioProcessing()).isEqualTo(AudioProcessing.NONE);
        assertThat(HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--input", "default",
                "--audio-processing", "none"}).audioProcessing()).isEqualTo(AudioProcessing.NONE);
        assertThat(HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--input", "default",
                "--audio-processing", "aec,agc"}).audioProcessing()).isEqualTo(new AudioProcessing(true, false, true));
        assertThat(HeadlessOptions.parseProcessing("ns")).isEqualTo(new AudioProcessing(false, true, false));
        assertThat(HeadlessOptions.parseProcessing("AGC,aec,ns")).isEqualTo(AudioProcessing.ALL);
    }

    @Test
    void badAudioProcessingSaysWhatIsWrong() {
        assertThatThrownBy(() -> HeadlessOptions.parseProcessing("aec,echo"))
                .hasMessage("--audio-processing must be none or a list of aec (echo cancellation), ns (noise"
                        + " suppression) and agc (automatic gain) such as aec,ns; got aec,echo");
        assertThatThrownBy(() -> HeadlessOptions.parseProcessing("aec,"))
                .hasMessageStartingWith("--audio-processing must be none or a list");
        assertThatThrownBy(() -> HeadlessOptions.parse(new String[] {"--link", "l", "--name", "n", "--play", "a.wav",
                "--audio-processing", "aec"})).hasMessage("--audio-processing cleans up a microphone: use it with --input");
    }
}
