package dev.parley.common.call;

import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioProcessorStats;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.media.Pcm;
import dev.parley.common.testing.audio.AudioCompare;
import dev.parley.common.testing.audio.TestAudio;
import dev.parley.common.testing.call.ArraySource;
import dev.parley.common.testing.call.EventLog;
import dev.parley.common.testing.call.MemorySink;
import dev.parley.common.testing.relay.TestRelay;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the call engine uses an {@link AudioProcessor}: a live microphone's frames are processed
 * before they are encoded, what a speaker plays is handed over as the echo reference with the
 * speaker's queue as its delay, the processor's figures reach the once-a-second statistics, and the
 * processor is closed with the call. A file source and a file sink are never processed. The
 * processor here silences the microphone until told to let it through, which a listener can hear
 * (WebRTC's real one is tested in the desktop client, where its natives are).
 */
class AudioProcessingWiringTest {
    private static final int SPEAKER_QUEUE_MILLIS = 60;
    private static final AudioProcessorStats FIGURES = new AudioProcessorStats(AudioProcessing.ALL,
            OptionalDouble.of(33.5), OptionalInt.of(57));

    @Test
    void aLiveMicrophoneIsProcessedAndTheSpeakerIsTheEchoReference() throws Exception {
        short[] aliceSays = TestAudio.speechA();
        short[] bobSays = Arrays.copyOf(TestAudio.speechB(), 48_000 * 3);
        try (TestRelay relay = TestRelay.start()) {
            RoomLink link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
            Microphone microphone = new Microphone(aliceSays);
            Speaker speaker = new Speaker();
            SilencingProcessor aliceProcessing = new SilencingProcessor();
            EventLog aliceLog = new EventLog();
            CallSession alice = CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "Alice", "",
                    microphone, speaker, CallOptions.defaults(), "test").withAudioProcessor(aliceProcessing), aliceLog);
            ArraySource file = new ArraySource(bobSays);
            MemorySink recording = new MemorySink();
            SilencingProcessor bobProcessing = new SilencingProcessor();
            EventLog bobLog = new EventLog();
            CallSession bob = CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "Bob", "",
                    file, recording, CallOptions.defaults(), "test").withAudioProcessor(bobProcessing), bobLog);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> aliceLog.count(ParticipantStatus.PRESENT) == 1
                        && bobLog.count(ParticipantStatus.PRESENT) == 1);
                microphone.talk();
                file.play();
                bob.sourceEnded().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(5)).until(() -> aliceLog.events().stream().anyMatch(e ->
                        e instanceof CallEvent.StatsUpdated s && s.stats().audioProcessing().equals(FIGURES)));

                // Alice talked for seconds, but her processor silenced every frame before the encoder saw it
                assertThat(aliceProcessing.nearEndFrames.get()).isGreaterThan(100);
                short[] heard = recording.samples();
                double silenced = AudioCompare.rmsDbfs(heard, 0, heard.length);
                // and once it lets her through, Bob hears her
                aliceProcessing.configure(AudioProcessing.NONE);
                int from = recording.frames();
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        loudest(recording.samples(), from * Pcm.FRAME_SAMPLES) > -35);
                System.out.printf("processing wired: Bob heard %.0f dBFS from Alice's silenced microphone in %.1f s,"
                        + " then her voice at %.0f dBFS%n", silenced, heard.length / 48_000.0,
                        loudest(recording.samples(), from * Pcm.FRAME_SAMPLES));
                assertThat(silenced).as("what Bob heard while Alice's microphone was silenced, dBFS")
                        .isLessThan(-60);

                // Alice's processor got every frame her speaker played, untouched, with the queue ahead of it
                // (the reference first: a frame is played before it is handed over)
                List<short[]> reference = List.copyOf(aliceProcessing.farEnd);
                List<short[]> played = speaker.frames();
                assertThat(played.size()).isGreaterThanOrEqualTo(reference.size());
                for (int i = 0; i < reference.size(); i++) {
                    assertThat(reference.get(i)).as("far-end frame %d", i).isEqualTo(played.get(i));
                }
                assertThat(loudest(concat(reference), 0)).as("Bob's voice in the echo reference, dBFS")
                        .isGreaterThan(-35);
                assertThat(aliceProcessing.delays).containsOnly(SPEAKER_QUEUE_MILLIS - Pcm.FRAME_MILLIS);

                // a file is sent as it is, and a file sink is no echo reference
                assertThat(bobProcessing.nearEndFrames.get()).isZero();
                assertThat(bobProcessing.farEnd).isEmpty();
            } finally {
                alice.leave();
                bob.leave();
                alice.ended().get(10, TimeUnit.SECONDS);
                bob.ended().get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> aliceProcessing.closed && bobProcessing.closed);
        }
    }

    /** The level of the loudest 100 ms of {@code pcm} from sample {@code from} on, dBFS. */
    private static double loudest(short[] pcm, int from) {
        double max = Pcm.SILENCE_DBFS;
        for (int i = from; i + 4_800 <= pcm.length; i += 4_800) {
            max = Math.max(max, AudioCompare.rmsDbfs(pcm, i, 4_800));
        }
        return max;
    }

    private static short[] concat(List<short[]> frames) {
        short[] all = new short[frames.size() * Pcm.FRAME_SAMPLES];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i), 0, all, i * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        }
        return all;
    }

    /**
     * Silences the microphone until configured to {@link AudioProcessing#NONE}, remembers the echo
     * reference, reports fixed figures.
     */
    private static final class SilencingProcessor implements AudioProcessor {
        final List<short[]> farEnd = new CopyOnWriteArrayList<>();
        final List<Integer> delays = new CopyOnWriteArrayList<>();
        final AtomicInteger nearEndFrames = new AtomicInteger();
        volatile boolean closed;
        private volatile AudioProcessing settings = AudioProcessing.ALL;

        @Override
        public void farEnd(short[] frame, int delayMillis) {
            farEnd.add(frame.clone());
            delays.add(delayMillis);
        }

        @Override
        public void nearEnd(short[] frame) {
            nearEndFrames.incrementAndGet();
            if (settings.any()) {
                Arrays.fill(frame, (short) 0);
            }
        }

        @Override
        public void configure(AudioProcessing next) {
            settings = next;
        }

        @Override
        public AudioProcessing settings() {
            return settings;
        }

        @Override
        public AudioProcessorStats stats() {
            return FIGURES;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A live microphone: one frame every 20 ms, silence until {@link #talk()}, then the speech over and over. */
    private static final class Microphone implements AudioSource {
        private final short[] speech;
        private final CountDownLatch talking = new CountDownLatch(1);
        private final DeviceClock clock = new DeviceClock();
        private int position;

        Microphone(short[] speech) {
            this.speech = speech;
        }

        void talk() {
            talking.countDown();
        }

        @Override
        public boolean read(short[] frame) {
            clock.awaitNext();
            Arrays.fill(frame, (short) 0);
            if (talking.getCount() == 0) {
                System.arraycopy(speech, position, frame, 0, frame.length);
                position = (position + frame.length) % (speech.length - speech.length % frame.length);
            }
            return true;
        }

        @Override
        public boolean paced() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A speaker that plays one frame every 20 ms with a fixed queue ahead, and keeps what it played. */
    private static final class Speaker implements AudioSink {
        private final List<short[]> frames = new CopyOnWriteArrayList<>();
        private final DeviceClock clock = new DeviceClock();

        @Override
        public void write(short[] frame) {
            clock.awaitNext();
            frames.add(frame.clone());
        }

        List<short[]> frames() {
            return List.copyOf(frames);
        }

        @Override
        public int queuedMillis() {
            return SPEAKER_QUEUE_MILLIS;
        }

        @Override
        public boolean paced() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A sound card's clock: frame n is due 20 ms after frame n-1 however late its reader comes; a
     * reader that stalled gets the frames it missed at once, as from a device's buffer.
     */
    private static final class DeviceClock {
        private long next;

        void awaitNext() {
            long now = System.nanoTime();
            if (next == 0) {
                next = now;
            }
            while (next - now > 0) {
                LockSupport.parkNanos(next - now);
                now = System.nanoTime();
            }
            next += Pcm.FRAME_NANOS;
        }
    }
}
