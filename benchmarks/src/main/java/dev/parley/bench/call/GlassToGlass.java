package dev.parley.bench.call;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.VideoSendStats;
import dev.parley.common.call.VideoSetup;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The video mode of {@link LatencyBenchmark}: glass-to-glass latency of one camera stream. A sender
 * session sends the test pattern (through {@link StampingVideoSource}, which stamps each picture
 * as it leaves the pattern), the real relay forwards it, and a receiver session decodes it and
 * hands the pictures to a {@link GlassSink}, which stamps them on arrival and reads their frame
 * numbers. Both sessions live in this JVM, so every stamp is on one clock. Per frame captured in
 * the window: glass = sink - capture, split into capture -> sent (scale, encode, chunk, seal, hand
 * to the connection), sent -> arrival (QUIC, loopback, relay, loopback, QUIC: {@code FrameTiming}
 * arrival of the chunk that completed the frame), arrival -> decoded (queue to the video receive
 * thread, reassembly, decode), decoded -> sink. A camera's exposure and driver buffers and a
 * screen's repaint are outside it, as the microphone and the speaker are outside mouth-to-ear.
 */
final class GlassToGlass {
    /**
     * One frame shown, in ms: when it was captured (from the window's start), glass to glass, and the
     * split ({@code NaN} where the send thread had not come back yet).
     */
    record Frame(long number, double capturedAt, double glass, double toSent, double toArrival, double toDecoded,
                 double toSink, boolean keyframe) {
    }

    /** One run's frames and what the sender reported. */
    record RunResult(List<Frame> frames, int captured, int unreadable, String sending, double rttMs, String load) {
        List<Double> glass() {
            return frames.stream().map(Frame::glass).toList();
        }

        List<Double> keyframes() {
            return frames.stream().filter(Frame::keyframe).map(Frame::glass).toList();
        }

        List<Double> captureToSent() {
            return frames.stream().map(Frame::toSent).filter(v -> !v.isNaN()).toList();
        }

        List<Double> sentToArrival() {
            return frames.stream().map(Frame::toArrival).filter(v -> !v.isNaN()).toList();
        }

        List<Double> arrivalToDecoded() {
            return frames.stream().map(Frame::toDecoded).toList();
        }

        List<Double> decodedToSink() {
            return frames.stream().map(Frame::toSink).toList();
        }

        int shown() {
            return frames.size();
        }
    }

    private record Sample(long atNanos, long rttMs, List<VideoSendStats> out) {
    }

    private GlassToGlass() {
    }

    static RunResult runOnce(RelayProcess relay, VideoCodecs codecs, VideoSettings settings, int warmup, int seconds)
            throws Exception {
        RoomLink link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
        StampingVideoSource camera = new StampingVideoSource(new TestPattern());
        GlassSink glass = new GlassSink();
        List<Sample> stats = new CopyOnWriteArrayList<>();
        CallSession receiver = CallSession.start(config(link, "glass-out", new VideoSetup(codecs, glass, settings)),
                CallEvents.NONE);
        CallSession sender = null;
        try {
            receiver.joined().get(30, TimeUnit.SECONDS);
            sender = CallSession.start(config(link, "glass-in", new VideoSetup(codecs, VideoSink.NONE, settings)), e -> {
                if (e instanceof CallEvent.StatsUpdated s) {
                    stats.add(new Sample(System.nanoTime(), s.stats().rttMs(), s.stats().videoOut()));
                }
            });
            sender.joined().get(30, TimeUnit.SECONDS);
            sender.startVideo(camera);
            String load = LatencyBenchmark.loadAverage();
            long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long to = from + TimeUnit.SECONDS.toNanos(seconds);
            // a frame captured at the window's end needs well under a second to show
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(to - System.nanoTime()) + 1_000);
            return evaluate(camera, glass, stats, from, to, load + " -> " + LatencyBenchmark.loadAverage());
        } finally {
            receiver.leave();
            if (sender != null) {
                sender.leave();
                sender.ended().get(10, TimeUnit.SECONDS);
            }
            receiver.ended().get(10, TimeUnit.SECONDS);
        }
    }

    private static CallConfig config(RoomLink link, String name, VideoSetup video) {
        return new CallConfig(link, IdentityKeyPair.generate(), name, "", null, null, CallOptions.defaults(),
                "parley-bench", video);
    }

    private static RunResult evaluate(StampingVideoSource camera, GlassSink glass, List<Sample> stats, long from,
                                      long to, String load) {
        Map<Long, StampingVideoSource.Stamp> stamps = new HashMap<>(camera.stamps());
        int captured = 0;
        for (StampingVideoSource.Stamp s : stamps.values()) {
            if (s.capturedNanos() >= from && s.capturedNanos() < to) {
                captured++;
            }
        }
        List<Frame> frames = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (GlassSink.Shown s : glass.shown()) {
            StampingVideoSource.Stamp c = stamps.get(s.frameNumber());
            if (c == null || c.capturedNanos() < from || c.capturedNanos() >= to || !seen.add(s.frameNumber())) {
                continue;
            }
            boolean sent = c.sentNanos() > 0;
            frames.add(new Frame(s.frameNumber(), (c.capturedNanos() - from) / 1e6,
                    (s.sinkNanos() - c.capturedNanos()) / 1e6,
                    sent ? (c.sentNanos() - c.capturedNanos()) / 1e6 : Double.NaN,
                    sent ? (s.timing().arrivalNanos() - c.sentNanos()) / 1e6 : Double.NaN,
                    (s.timing().decodedNanos() - s.timing().arrivalNanos()) / 1e6,
                    (s.sinkNanos() - s.timing().decodedNanos()) / 1e6, s.timing().keyframe()));
        }
        List<Double> fps = new ArrayList<>();
        List<Double> kbps = new ArrayList<>();
        List<Double> rtt = new ArrayList<>();
        String sending = "nothing";
        for (Sample s : stats) {
            if (s.atNanos < from || s.atNanos >= to) {
                continue;
            }
            rtt.add((double) s.rttMs);
            for (VideoSendStats v : s.out) {
                fps.add(v.fps());
                kbps.add(v.bitrate() / 1000.0);
                sending = v.codec() + " " + v.width() + "x" + v.height() + ", " + v.keyframesSent() + " keyframes";
            }
        }
        sending = String.format(Locale.ROOT, "%s, %.1f fps, %.0f kbit/s", sending, Stats.median(fps), Stats.median(kbps));
        return new RunResult(frames, captured, glass.unreadable(), sending, Stats.median(rtt), load);
    }

    static void print(int run, RunResult r) {
        System.out.printf(Locale.ROOT, "run %d: %4d/%4d frames shown (%d unreadable)  glass median %6.2f ms  p95 %6.2f  "
                        + "p99 %6.2f  max %6.2f | keyframes median %6.2f (%d) | split medians: capture->sent %.2f, "
                        + "sent->arrival %.2f, arrival->decoded %.2f, decoded->sink %.2f | sending %s | rtt %.1f ms | load %s%n",
                run, r.shown(), r.captured, r.unreadable, Stats.median(r.glass()), Stats.percentile(r.glass(), 95),
                Stats.percentile(r.glass(), 99), Stats.max(r.glass()), Stats.median(r.keyframes()), r.keyframes().size(),
                Stats.median(r.captureToSent()), Stats.median(r.sentToArrival()), Stats.median(r.arrivalToDecoded()),
                Stats.median(r.decodedToSink()), r.sending, r.rttMs, r.load);
    }

    static final String CSV_HEADER = "run,frame,captured_ms,glass_ms,capture_to_sent_ms,sent_to_arrival_ms,"
            + "arrival_to_decoded_ms,decoded_to_sink_ms,keyframe";

    static void writeCsv(PrintWriter csv, int run, RunResult r) {
        for (Frame f : r.frames) {
            csv.printf(Locale.ROOT, "%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%b%n", run, f.number(), f.capturedAt(), f.glass(),
                    f.toSent(), f.toArrival(), f.toDecoded(), f.toSink(), f.keyframe());
        }
    }

    static void summarize(List<RunResult> results) {
        int shown = 0;
        int captured = 0;
        for (RunResult r : results) {
            shown += r.shown();
            captured += r.captured;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "== glass-to-glass latency: %d runs, %d of %d frames shown ==%n",
                results.size(), shown, captured);
        LatencyBenchmark.summarize("capture (left the test pattern) to the receiver's VideoSink",
                results.stream().map(RunResult::glass).toList());
        LatencyBenchmark.summarize("keyframes only", results.stream().map(RunResult::keyframes).toList());
        LatencyBenchmark.summarize("capture -> sent (scale, encode, chunk, seal, hand to QUIC)",
                results.stream().map(RunResult::captureToSent).toList());
        LatencyBenchmark.summarize("sent -> arrival (QUIC, relay, QUIC; the frame's completing chunk)",
                results.stream().map(RunResult::sentToArrival).toList());
        LatencyBenchmark.summarize("arrival -> decoded (receive queue, reassembly, decode)",
                results.stream().map(RunResult::arrivalToDecoded).toList());
        LatencyBenchmark.summarize("decoded -> sink", results.stream().map(RunResult::decodedToSink).toList());
        System.out.printf(Locale.ROOT, "QUIC smoothed rtt to the relay (median of runs): %.1f ms%n",
                Stats.median(results.stream().map(RunResult::rttMs).toList()));
    }
}
