package dev.parley.client.ui.engine;

import dev.parley.client.ui.profile.ProfileDirectory;
import dev.parley.client.ui.testing.FakeAudio;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallEvents;
import dev.parley.common.video.VideoSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CallLauncherTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedIdentityIsReportedInItsOwnWordsAndNeverReplaced() throws Exception {
        Path identity = dir.resolve("identity.key");
        Files.writeString(identity, "not an identity\n");
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        JoinRequest request = new JoinRequest(new ProtocolRoomLinks()
                .parse("parley://relay.example.org/r/q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA").orElseThrow(),
                "Alice", Optional.empty(), Optional.empty(), Optional.empty());
        FakeAudio audio = new FakeAudio();
        AudioSource mic = audio.openMicrophone(Optional.empty());
        AudioSink speaker = audio.openSpeaker(Optional.empty());

        StartFailure failure = catchThrowableOfType(StartFailure.class,
                () -> new CallLauncher(new ProfileDirectory(dir), null).start(request, mic, speaker,
                        VideoSink.NONE, CallEvents.NONE));

        assertThat(failure.kind()).isEqualTo(StartFailure.Kind.IDENTITY);
        assertThat(failure.getMessage()).isNotBlank();
        assertThat(Files.readString(identity)).isEqualTo("not an identity\n");
    }
}
