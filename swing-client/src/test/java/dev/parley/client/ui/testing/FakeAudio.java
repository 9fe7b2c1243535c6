package dev.parley.client.ui.testing;

import dev.parley.client.ui.engine.AudioBackend;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two named devices of each kind; opening "Broken Mic" fails like a busy device would. */
public final class FakeAudio implements AudioBackend {
    public final List<String> opened = new CopyOnWriteArrayList<>();

    @Override
    public List<String> microphones() {
        return List.of("USB Headset", "Broken Mic");
    }

    @Override
    public List<String> speakers() {
        return List.of("USB Headset", "Speakers");
    }

    @Override
    public AudioSource openMicrophone(Optional<String> name) throws IOException {
        if (name.filter("Broken Mic"::equals).isPresent()) {
            throw new IOException("The microphone \u201cBroken Mic\u201d is in use by another application.");
        }
        opened.add("mic:" + name.orElse("default"));
        return new AudioSource() {
            @Override
            public boolean read(short[] frame) {
                return true;
            }

            @Override
            public boolean paced() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public AudioSink openSpeaker(Optional<String> name) {
        opened.add("speaker:" + name.orElse("default"));
        return new AudioSink() {
            @Override
            public void write(short[] frame) {
            }

            @Override
            public boolean paced() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
