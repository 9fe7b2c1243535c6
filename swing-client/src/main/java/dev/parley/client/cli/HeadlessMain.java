package dev.parley.client.cli;

import dev.parley.client.audio.AudioDevices;
import dev.parley.client.audio.JavaSoundSink;
import dev.parley.client.audio.JavaSoundSource;
import dev.parley.client.audio.processing.NativeAudioProcessing;
import dev.parley.common.media.AudioProcessorStats;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.Participant;
import dev.parley.common.call.PeerStats;
import dev.parley.common.call.VideoSendStats;
import dev.parley.common.call.VideoStreamStats;
import dev.parley.common.crypto.IdentityFileException;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.IdentityStore;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.media.WavFileSink;
import dev.parley.common.media.WavFileSource;

import dev.parley.client.video.camera.Cameras;
import dev.parley.client.video.codec.NativeVideoCodecs;
import dev.parley.client.video.screen.Screen;
import dev.parley.client.video.screen.ScreenCaptureSource;
import dev.parley.client.video.screen.Screens;
import dev.parley.common.call.VideoSetup;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoSource;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The headless participant: joins a call from the command line, plays a WAV file or a capture
 * device into it, records or plays what it hears, prints one JSON stats line a second with
 * {@code --stats}, and exits 0 after a clean leave or non-zero with a one-line reason.
 */
public final class HeadlessMain {
    /** Extra time after a played file ends, so the last frames reach the others before leaving. */
    private static final Duration TAIL = Duration.ofMillis(1_500);
    /**
     * A bot's speaker trades latency for robustness: a queue this deep rides out the scheduling stalls
     * of a busy server, where the desktop app's 80 ms underran (JavaSoundCallTest).
     */
    private static final Duration SPEAKER_BUFFER = Duration.ofMillis(200);
    private static final Duration SPEAKER_PRIME = Duration.ofMillis(100);

    private HeadlessMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        // WebRTC's library prints a line to standard output as the process exits ("VM attach current
        // thread failed"), which would end the JSON lines of --stats with one that is not: closing the
        // stream first silences it
        System.out.flush();
        System.out.close();
        System.exit(code);
    }

    /** Runs a headless call and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        HeadlessOptions options;
        try {
            options = HeadlessOptions.parse(args);
        } catch (HeadlessOptions.UsageException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        Decoded<RoomLink> link = RoomLinks.parse(options.link());
        if (!(link instanceof Decoded.Ok<RoomLink> ok)) {
            err.println("parley: the invite link is not valid: " + link.errorOrNull().message());
            return 2;
        }
        Path profile = options.profile().orElse(defaultProfile());
        IdentityKeyPair identity;
        try {
            identity = IdentityStore.loadOrCreate(profile);
        } catch (IdentityFileException e) {
            err.println("parley: " + e.getMessage());
            return 3;
        }
        AudioSource source = null;
        AudioSink sink = null;
        try {
            source = openSource(options);
            sink = openSink(options);
        } catch (IOException e) {
            closeQuietly(source);
            err.println("parley: " + e.getMessage());
            return 3;
        }
        CallOptions callOptions = CallOptions.defaults();
        if (options.receiveLoss() > 0) {
            callOptions = callOptions.withReceiveLossRate(options.receiveLoss());
        }
        if (options.bitrate().isPresent()) {
            callOptions = callOptions.withInitialBitrate(options.bitrate().get());
        }
        VideoRecorder recorder = null;
        VideoSource video = null;
        try {
            if (options.recordVideo().isPresent()) {
                recorder = new VideoRecorder(options.recordVideo().get());
            }
            if (options.video().isPresent()) {
                video = openVideo(options.video().get());
            }
        } catch (IOException e) {
            closeQuietly(source);
            if (sink != null) {
                sink.close();
            }
            if (recorder != null) {
                recorder.close();
            }
            err.println("parley: " + e.getMessage());
            return 3;
        }
        CallConfig config = new CallConfig(ok.value(), identity, options.name(), options.token(), source, sink,
                callOptions, "parley-headless/0.1");
        if (options.audioProcessing().any()) {
            NativeAudioProcessing processing = NativeAudioProcessing.shared();
            processing.unavailableReason().ifPresent(reason -> err.println("parley: " + reason));
            config = config.withAudioProcessor(processing.open(options.audioProcessing()));
        }
        if (video != null || recorder != null) {
            NativeVideoCodecs codecs = NativeVideoCodecs.shared();
            VideoSettings settings = VideoSettings.defaults();
            if (options.videoCodec().isPresent()) {
                settings = settings.withPreferred(options.videoCodec().get());
            }
            if (options.videoBitrate().isPresent()) {
                settings = settings.withCameraBitrate(options.videoBitrate().get());
            }
            if (video != null && settings.preferred() == VideoCodec.VP8 && !codecs.vp8Available()) {
                codecs.unavailableReason().ifPresent(reason -> err.println("parley: " + reason));
            }
            config = config.withVideo(new VideoSetup(codecs, recorder == null ? VideoSink.NONE : recorder, settings));
        }
        try {
            return runCall(config, options, video, out, err);
        } finally {
            if (recorder != null) {
                recorder.close();
            }
        }
    }

    private static VideoSource openVideo(HeadlessOptions.VideoChoice choice) throws IOException {
        if (choice instanceof HeadlessOptions.VideoChoice.TestPattern) {
            return new TestPattern();
        }
        if (choice instanceof HeadlessOptions.VideoChoice.Screen screen) {
            List<Screen> screens = Screens.list();
            int index = screen.index().orElse(0);
            if (index >= screens.size()) {
                throw new IOException("There is no screen " + index + "; this computer has " + screens.size() + ".");
            }
            return ScreenCaptureSource.open(screens.get(index));
        }
        HeadlessOptions.VideoChoice.Camera camera = (HeadlessOptions.VideoChoice.Camera) choice;
        Cameras cameras = new Cameras();
        String name = camera.name().isPresent() ? camera.name().get()
                : cameras.names().stream().findFirst().orElseThrow(() -> new IOException("No camera was found."));
        return cameras.open(name);
    }

    private static int runCall(CallConfig config, HeadlessOptions options, VideoSource video, PrintStream out,
                               PrintStream err) {
        ParticipantLog participants = new ParticipantLog(err);
        CallSession session = CallSession.start(config, event -> {
            participants.on(event);
            if (event instanceof CallEvent.StatsUpdated stats && options.stats()) {
                out.println(statsLine(stats, participants.participants()));
                out.flush();
            } else if (event instanceof CallEvent.ConnectionChanged changed) {
                err.println("parley: " + changed.state() + ": " + changed.detail());
            }
        });
        if (video != null) {
            session.startVideo(video);
        }
        boolean interrupted = false;
        Thread hook = new Thread(session::leave, "parley-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.joined().get();
            if (options.duration().isPresent()) {
                session.ended().get(options.duration().get().toMillis(), TimeUnit.MILLISECONDS);
            } else if (options.sends() && options.play().isPresent()) {
                session.sourceEnded().get();
                session.ended().get(TAIL.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                session.ended().get();
            }
        } catch (TimeoutException e) {
            // the planned end of the call
        } catch (ExecutionException e) {
            // reported below from the ended event
        } catch (InterruptedException e) {
            interrupted = true; // asked to stop: leave cleanly first, restore the flag afterwards
        }
        session.leave();
        CallEvent.CallEnded ended;
        try {
            ended = session.ended().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.println("parley: the call did not end cleanly within 5 s");
            return 1;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the hook is running
        }
        if (!ended.clean()) {
            err.println("parley: " + ended.reason());
            return 1;
        }
        return 0;
    }

    static String statsLine(CallEvent.StatsUpdated event, Map<Long, Participant> participants) {
        var s = event.stats();
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerStats p : s.peers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Participant who = participants.get(p.peerId().value());
            m.put("peer_id", p.peerId().value());
            m.put("name", who == null ? null : who.displayName().orElse(null));
            m.put("status", who == null ? null : who.status().name());
            m.put("loss", p.lossFraction());
            m.put("jitter_ms", p.jitterMs());
            m.put("buffer_ms", p.bufferMs());
            m.put("bitrate_in", p.bitrateIn());
            m.put("key_id", p.keyId());
            m.put("loss_reported_for_us", p.remoteLoss());
            peers.add(m);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", System.currentTimeMillis());
        line.put("rtt_ms", s.rttMs());
        line.put("bitrate_out", s.bitrateOut());
        line.put("target_bitrate", s.targetBitrate());
        line.put("key_id", s.ownKeyId());
        line.put("last_rotation", s.lastRotation().toString());
        line.put("peers", peers);
        AudioProcessorStats processing = s.audioProcessing();
        if (processing.settings().any()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("echo_cancellation", processing.settings().echoCancellation());
            m.put("noise_suppression", processing.settings().noiseSuppression());
            m.put("automatic_gain", processing.settings().automaticGain());
            m.put("erle_db", processing.echoReturnLossEnhancementDb().isPresent()
                    ? round1(processing.echoReturnLossEnhancementDb().getAsDouble()) : null);
            m.put("echo_delay_ms", processing.echoDelayMillis().isPresent() ? processing.echoDelayMillis().getAsInt() : null);
            line.put("audio_processing", m);
        }
        if (!s.videoOut().isEmpty()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VideoSendStats v : s.videoOut()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", v.kind().name().toLowerCase(Locale.ROOT));
                m.put("codec", v.codec() == null ? null : v.codec().name());
                m.put("bitrate", v.bitrate());
                m.put("target_bitrate", v.targetBitrate());
                m.put("fps", round1(v.fps()));
                m.put("width", v.width());
                m.put("height", v.height());
                m.put("frames", v.framesSent());
                m.put("keyframes", v.keyframesSent());
                m.put("keyframe_requests_received", v.keyframeRequestsReceived());
                m.put("keyframe_requests_answered", v.keyframeRequestsAnswered());
                out.add(m);
            }
            line.put("video_out", out);
        }
        if (!s.videoIn().isEmpty()) {
            List<Map<String, Object>> in = new ArrayList<>();
            for (VideoStreamStats v : s.videoIn()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("peer_id", v.peerId().value());
                m.put("ssrc", v.ssrc());
                m.put("kind", v.kind().name().toLowerCase(Locale.ROOT));
                m.put("codec", v.codec() == null ? null : v.codec().name());
                m.put("bitrate", v.bitrate());
                m.put("fps", round1(v.fps()));
                m.put("width", v.width());
                m.put("height", v.height());
                m.put("frames_decoded", v.framesDecoded());
                m.put("frames_dropped", v.framesDropped());
                m.put("keyframe_requests_sent", v.keyframeRequestsSent());
                in.add(m);
            }
            line.put("video_in", in);
        }
        return JsonLine.object(line);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static AudioSource openSource(HeadlessOptions options) throws IOException {
        if (options.play().isPresent()) {
            return WavFileSource.open(options.play().get());
        }
        if (options.input().isPresent()) {
            AudioDevices devices = new AudioDevices();
            return JavaSoundSource.openForCall(devices.capture(options.input().get()));
        }
        return null;
    }

    private static AudioSink openSink(HeadlessOptions options) throws IOException {
        if (options.record().isPresent()) {
            return new WavFileSink(options.record().get());
        }
        if (options.output().isPresent()) {
            AudioDevices devices = new AudioDevices();
            return JavaSoundSink.open(devices.playback(options.output().get()), SPEAKER_BUFFER, SPEAKER_PRIME);
        }
        return null;
    }

    private static Path defaultProfile() {
        String home = System.getProperty("parley.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".parley");
    }

    private static void closeQuietly(AudioSource source) {
        if (source != null) {
            source.close();
        }
    }
}
