package dev.parley.client.audio.processing;

import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStats;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioProcessorStats;
import dev.parley.common.media.Pcm;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One call's microphone clean-up through WebRTC's audio processing module (AEC3 echo canceller,
 * noise suppressor, adaptive digital gain controller, high-pass filter), from webrtc-java's
 * {@link dev.onvoid.webrtc.media.audio.AudioProcessing}. It works on 10 ms at 48 kHz, so each 20 ms
 * frame goes through as two halves, in little-endian byte buffers made once.
 *
 * <p>Thread-safe: the speaker's frames come from the playout thread, the microphone's from the
 * send thread; one lock keeps either from running while the other disposes the native instance.
 * A native call that fails (it never did) turns processing off for the rest of the call with a
 * logged warning: the microphone goes on, unprocessed. Made by {@link NativeAudioProcessing}.
 */
public final class WebRtcAudioProcessor implements AudioProcessor {
    private static final System.Logger LOG = System.getLogger(WebRtcAudioProcessor.class.getName());
    /** 10 ms at 48 kHz: what the module takes per call. */
    static final int HALF_FRAME = Pcm.FRAME_SAMPLES / 2;
    private static final AudioProcessingStreamConfig STREAM = new AudioProcessingStreamConfig(Pcm.SAMPLE_RATE, 1);
    /** One second of microphone frames between two readings of the module's figures. */
    private static final int FRAMES_PER_READING = 50;

    private final Object lock = new Object();
    private final byte[] nearIn = new byte[HALF_FRAME * 2];
    private final byte[] nearOut = new byte[HALF_FRAME * 2];
    private final byte[] farIn = new byte[HALF_FRAME * 2];
    private final byte[] farOut = new byte[HALF_FRAME * 2];
    private final ShortBuffer nearInSamples = samples(nearIn);
    private final ShortBuffer nearOutSamples = samples(nearOut);
    private final ShortBuffer farInSamples = samples(farIn);
    private dev.onvoid.webrtc.media.audio.AudioProcessing apm;
    private volatile AudioProcessing settings;
    private volatile int speakerDelayMillis;
    private AudioProcessorStats latest = AudioProcessorStats.NONE;
    private int framesSinceReading;

    /**
     * @throws RuntimeException or {@link LinkageError} when the natives cannot be loaded; {@link
     *                          NativeAudioProcessing} turns that into a sentence
     */
    WebRtcAudioProcessor(AudioProcessing settings) {
        this.settings = settings;
        apm = new dev.onvoid.webrtc.media.audio.AudioProcessing();
        try {
            apm.applyConfig(config(settings));
        } catch (RuntimeException | Error e) {
            apm.dispose();
            throw e;
        }
    }

    @Override
    public void farEnd(short[] frame, int delayMillis) {
        if (!whole(frame)) {
            return;
        }
        speakerDelayMillis = Math.max(0, delayMillis);
        if (!settings.echoCancellation()) {
            // only the echo canceller listens to the speaker
            return;
        }
        synchronized (lock) {
            if (apm == null) {
                return;
            }
            try {
                for (int half = 0; half < 2; half++) {
                    farInSamples.put(0, frame, half * HALF_FRAME, HALF_FRAME);
                    int error = apm.processReverseStream(farIn, STREAM, STREAM, farOut);
                    if (error != 0) {
                        LOG.log(Level.DEBUG, "the echo canceller refused a speaker frame: error {0}", error);
                    }
                }
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }
    }

    @Override
    public void nearEnd(short[] frame) {
        if (!whole(frame)) {
            return;
        }
        if (!settings.any()) {
            // with nothing switched on the module writes silence, not the input
            return;
        }
        synchronized (lock) {
            if (apm == null) {
                return;
            }
            try {
                for (int half = 0; half < 2; half++) {
                    int offset = half * HALF_FRAME;
                    nearInSamples.put(0, frame, offset, HALF_FRAME);
                    apm.setStreamDelayMs(speakerDelayMillis);
                    int error = apm.processStream(nearIn, STREAM, STREAM, nearOut);
                    if (error == 0) {
                        nearOutSamples.get(0, frame, offset, HALF_FRAME);
                    } else {
                        LOG.log(Level.DEBUG, "the audio processing refused a microphone frame: error {0}", error);
                    }
                }
                if (++framesSinceReading >= FRAMES_PER_READING) {
                    framesSinceReading = 0;
                    read();
                }
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }
    }

    @Override
    public void configure(AudioProcessing next) {
        synchronized (lock) {
            if (apm == null || next.equals(settings)) {
                settings = next;
                return;
            }
            try {
                apm.applyConfig(config(next));
                settings = next;
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }
    }

    @Override
    public AudioProcessing settings() {
        synchronized (lock) {
            return apm == null ? AudioProcessing.NONE : settings;
        }
    }

    /** The figures as of the last second of microphone frames. */
    @Override
    public AudioProcessorStats stats() {
        synchronized (lock) {
            if (apm == null) {
                return AudioProcessorStats.NONE;
            }
            if (!settings.echoCancellation()) {
                return new AudioProcessorStats(settings, OptionalDouble.empty(), OptionalInt.empty());
            }
            return new AudioProcessorStats(settings, latest.echoReturnLossEnhancementDb(), latest.echoDelayMillis());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (apm != null) {
                dev.onvoid.webrtc.media.audio.AudioProcessing closing = apm;
                apm = null;
                closing.dispose();
            }
        }
    }

    /**
     * The module's configuration for {@code settings}.
     * <ul>
     *   <li>Noise suppression is moderate: at the next level (high) speech in 5 dB of pink noise
     *       kept less of its shape (correlation with the clean speech 0.89 against 0.90, 0.95 for
     *       clean input) for 2 dB more suppression; NoiseSuppressionTest needs both.</li>
     *   <li>Automatic gain starts at 0 dB, not WebRTC's 15: a microphone at a normal level was 7 dB
     *       too loud (against its limiter) for the first 1.5 s of every call. A quiet one comes up at
     *       6 dB a second instead, at most 50 dB.</li>
     *   <li>The high-pass filter (below about 80 Hz: rumble and hum, which the echo canceller
     *       handles badly) runs with any of them.</li>
     * </ul>
     */
    static AudioProcessingConfig config(AudioProcessing settings) {
        AudioProcessingConfig config = new AudioProcessingConfig();
        config.echoCanceller.enabled = settings.echoCancellation();
        config.noiseSuppression.enabled = settings.noiseSuppression();
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.MODERATE;
        config.gainControl.enabled = settings.automaticGain();
        config.gainControl.adaptiveDigital.enabled = settings.automaticGain();
        config.gainControl.adaptiveDigital.initialGainDb = 0;
        config.highPassFilter.enabled = settings.any();
        return config;
    }

    /**
     * Reads the module's figures, holding the lock. It works them out on the microphone frame after
     * a reading was asked for, and not at all unless asked: so they are asked for as the frames go.
     */
    private void read() {
        if (!settings.echoCancellation()) {
            latest = AudioProcessorStats.NONE;
            return;
        }
        AudioProcessingStats s = apm.getStatistics();
        latest = new AudioProcessorStats(settings, OptionalDouble.of(s.echoReturnLossEnhancement),
                OptionalInt.of(s.delayMs));
    }

    /** Called holding the lock. */
    private void fail(Throwable e) {
        LOG.log(Level.WARNING, "WebRTC audio processing failed; the microphone goes on unprocessed", e);
        dev.onvoid.webrtc.media.audio.AudioProcessing failed = apm;
        apm = null;
        try {
            failed.dispose();
        } catch (RuntimeException | Error ignored) {
            // already broken
        }
    }

    /** Only whole 20 ms frames reach the natives; anything else is left as it is. */
    private static boolean whole(short[] frame) {
        return frame != null && frame.length == Pcm.FRAME_SAMPLES;
    }

    private static ShortBuffer samples(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }
}
