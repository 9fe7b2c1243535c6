package dev.parley.common.call;

import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.PeerId;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.call.ArraySource;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.testing.call.MemorySink;
import dev.parley.common.testing.relay.TestRelay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** Starts participants of one room on a {@link TestRelay} and measures what they hear. */
final class CallHarness implements AutoCloseable {

    /** One participant: its session, events, and optional mouth and ear. */
    record Party(String name, CallSession session, EventLog log, ArraySource mouth, MemorySink ear) {
        PeerId id() {
            return session.ownPeerId().orElseThrow();
        }
    }

    final TestRelay relay;
    final RoomLink link;
    private final List<Party> parties = new ArrayList<>();

    CallHarness() throws InterruptedException {
        relay = TestRelay.start();
        link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
    }

    Party join(String name, short[] speech, boolean listens, CallOptions options) {
        return join(name, speech, listens, options, VideoSetup.NONE);
    }

    Party join(String name, short[] speech, boolean listens, CallOptions options, VideoSetup video) {
        ArraySource mouth = speech == null ? null : new ArraySource(speech);
        MemorySink ear = listens ? new MemorySink() : null;
        EventLog log = new EventLog();
        CallConfig config = new CallConfig(link, IdentityKeyPair.generate(), name, "", mouth, ear, options, "test",
                video);
        Party p = new Party(name, CallSession.start(config, log), log, mouth, ear);
        parties.add(p);
        p.session().joined().join();
        return p;
    }

    Party join(String name, short[] speech, boolean listens) {
        return join(name, speech, listens, CallOptions.defaults());
    }

    /** Waits until every party sees {@code present} others as present. */
    void awaitPresent(int present, Party... who) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (Party p : who) {
                if (p.log().count(ParticipantStatus.PRESENT) != present) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Plays {@code speaker}'s speech and waits until the listeners have heard it out; returns the recordings. */
    static void speakAndWait(Party speaker, Party... listeners) {
        int[] start = new int[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            start[i] = listeners[i].ear().frames();
        }
        speaker.mouth().play();
        speaker.session().sourceEnded().join();
        for (int i = 0; i < listeners.length; i++) {
            Party l = listeners[i];
            int s = start[i];
            await().atMost(Duration.ofSeconds(5)).until(() -> l.ear().frames() - s > 25 + 10);
        }
        // the last frames need the jitter-buffer delay to come out: wait for half a second more of playout
        for (Party l : listeners) {
            int now = l.ear().frames();
            await().atMost(Duration.ofSeconds(5)).until(() -> l.ear().frames() > now + 25);
        }
    }

    static AudioCompare.Piecewise heard(short[] speech, Party listener) {
        short[] heard = listener.ear().samples();
        AudioCompare.Piecewise p = AudioCompare.alignPiecewise(speech, heard, heard.length - 1, 12_000, 1_920);
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i + 24_000 <= heard.length; i += 24_000) {
            levels.append(String.format(" %.0f", AudioCompare.rmsDbfs(heard, i, 24_000)));
        }
        System.out.printf("%s heard: correlation %.3f, lag %d ms, drift %d ms, counters %s, dBFS per 0.5 s:%s%n",
                listener.name(), p.correlation(), p.globalLag() / 48, p.maxDrift() / 48,
                listener.session().counters().snapshot(), levels);
        return p;
    }

    @Override
    public void close() throws Exception {
        for (Party p : parties) {
            p.session().leave();
        }
        try {
            for (Party p : parties) {
                // a leave that never ends the call is a failure, not a hung build
                p.session().ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            relay.close();
        }
    }
}
