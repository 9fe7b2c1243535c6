package dev.parley.client.audio.processing;

import dev.parley.client.natives.LazyNatives;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.Pcm;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Where the desktop client's {@link AudioProcessor}s come from: WebRTC's audio processing module
 * when its natives load on this computer (the jar carries those of Linux x86-64; {@code -P
 * all-platforms} adds Windows and macOS), otherwise {@link AudioProcessor#NONE}, and the reason is
 * a sentence for the user. The natives load lazily, once, on the first question; whatever loading
 * throws ({@link UnsatisfiedLinkError} on an unsupported platform, a missing or damaged library) is
 * remembered, and the call goes on with the microphone as captured.
 *
 * <p><b>Turning it off</b>, to test or to work around a broken library: the system property
 * {@value #PROPERTY}{@code =off} for the whole process, or {@link #NativeAudioProcessing(LazyNatives.Loader)}
 * with a loader that throws. Thread-safe.
 */
public final class NativeAudioProcessing {
    /** System property that turns audio processing off for the process when set to {@code off}. */
    public static final String PROPERTY = "parley.audio.processing";

    static final String NOT_LOADED = "Echo cancellation, noise suppression and automatic gain are not available on"
            + " this computer (the WebRTC audio library could not be loaded); your microphone is sent as it is.";
    static final String TURNED_OFF = "Echo cancellation, noise suppression and automatic gain are turned off ("
            + PROPERTY + "=off); your microphone is sent as it is.";

    private static final System.Logger LOG = System.getLogger(NativeAudioProcessing.class.getName());

    private static final class Shared {
        static final NativeAudioProcessing INSTANCE = new NativeAudioProcessing();
    }

    private final LazyNatives natives;

    /** Loads the natives when first asked, unless {@value #PROPERTY} is {@code off}. */
    public NativeAudioProcessing() {
        this(LazyNatives.unlessTurnedOff(PROPERTY, NativeAudioProcessing::loadAndProbe));
    }

    /** Uses {@code loader} to load the natives when first asked; tests pass one that fails. */
    public NativeAudioProcessing(LazyNatives.Loader loader) {
        this.natives = new LazyNatives("WebRTC audio processing", loader, NOT_LOADED, TURNED_OFF);
    }

    /** One instance for the whole process, so that the natives are loaded (or found missing) once. */
    public static NativeAudioProcessing shared() {
        return Shared.INSTANCE;
    }

    /** Whether a microphone can be processed here; loads the natives on the first call (about half a second). */
    public boolean available() {
        return natives.available();
    }

    /** Why there is no processing here, a sentence for the user; empty when there is. */
    public Optional<String> unavailableReason() {
        return natives.unavailableReason();
    }

    /**
     * A processor for one call, running {@code settings} ({@link AudioProcessing#NONE} too: it can be
     * switched on later); {@link AudioProcessor#NONE} when there is no processing here.
     */
    public AudioProcessor open(AudioProcessing settings) {
        if (!available()) {
            return AudioProcessor.NONE;
        }
        try {
            return new WebRtcAudioProcessor(settings);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "WebRTC audio processing could not start; the microphone goes on unprocessed", e);
            return AudioProcessor.NONE;
        }
    }

    private static void loadAndProbe() {
        // loads the library (its static initialiser) and proves it processes a frame
        try (WebRtcAudioProcessor probe = new WebRtcAudioProcessor(AudioProcessing.ALL)) {
            probe.nearEnd(new short[Pcm.FRAME_SAMPLES]);
            if (!probe.settings().any()) {
                throw new IllegalStateException("WebRTC audio processing failed on a frame of silence");
            }
        }
    }
}
