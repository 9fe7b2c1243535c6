package dev.parley.bench.call;

import dev.parley.client.audio.processing.NativeAudioProcessing;
import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.call.CallStats;
import dev.parley.common.call.PeerStats;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.media.AudioProcessing;
import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.OpusAudioDecoder;
import dev.parley.common.media.OpusAudioEncoder;
import dev.parley.common.media.OpusEncoderSettings;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoCodecs;
import dev.parley.common.video.VideoSettings;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Mouth-to-ear latency of one call path: a sender session whose paced {@link BurstSource} hands
 * tone bursts to the engine, the real relay in a child JVM on loopback, and a receiver session
 * whose {@link StampingSink} the engine writes on its 20 ms playout clock. Default call options
 * (and so the default jitter buffer). Each run is a fresh room with fresh sessions (a fresh phase
 * between the sender's and the receiver's 20 ms clocks); the relay is shared by the runs.
 *
 * <p>Latency of one burst = ear time of its onset sample (write stamp of the frame + offset / 48 kHz)
 * minus its handover time at the mouth (read stamp of the frame + offset / 48 kHz). That is the
 * engine's share. The acoustic figure measures from when a microphone would have captured the
 * sample instead: the source's frame is complete at its due time on the source's own 20 ms clock,
 * so its samples span the 20 ms before. That adds the frame (packetization) and any lateness of
 * the engine in reading it, which the handover stamp hides. Capture and playback device buffers
 * are outside both (the sink plays each frame the moment it is written).
 *
 * <p>{@code --media video} measures glass to glass instead: see {@link GlassToGlass}.
 */
public final class LatencyBenchmark {
    static final String USAGE = """
            usage: java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.call.LatencyBenchmark
                     [--runs 5] [--seconds 30] [--warmup 5] [--source paced|unpaced]
                     [--relay-jar relay-app/target/parley-relay-*-exec.jar] [--out benchmarks/target/call-latency]
                     [--media audio|video] [--video-codec vp8|jpeg] [--audio-processing off|on|off,on]
            --audio-processing off,on alternates the runs between the sender's microphone processing off and
            on (WebRTC's echo canceller, noise suppression and gain; the client jar on the class path) and
            compares them.
            --media video measures glass to glass instead (the client jar on the class path, see README).
            Run from the repository root after building (see benchmarks/README.md, call benchmarks).""";

    private record Sample(long atNanos, CallStats stats) {
    }

    private record RunResult(List<Double> latencies, List<Double> acoustic, int mouths, int matched, int spurious, double bufferMs,
                             double targetlessJitterMs, double rttMs, double writeP50, double writeP99,
                             double writeMax, String load) {
    }

    private LatencyBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("runs", "seconds", "warmup", "source", "relay-jar", "out", "media",
                "video-codec", "audio-processing"), Set.of(), USAGE);
        int runs = args.integer("runs", 5);
        int seconds = args.integer("seconds", 30);
        int warmup = args.integer("warmup", 5);
        boolean paced = !args.string("source", "paced").equals("unpaced");
        Path relayJar = args.path("relay-jar", Path.of("relay-app/target"), "parley-relay-*-exec.jar");
        Path out = Path.of(args.string("out", "benchmarks/target/call-latency"));
        Files.createDirectories(out);
        String media = args.string("media", "audio");
        if (media.equals("video")) {
            glassToGlass(runs, seconds, warmup, BenchVideo.codec(args.string("video-codec", "vp8")), relayJar, out);
            return;
        } else if (!media.equals("audio")) {
            throw new IllegalArgumentException("--media is audio or video, not " + media);
        }

        List<Boolean> processing = processingSettings(args.string("audio-processing", "off"));
        CodecDelay codec = calibrateCodec();
        System.out.printf(Locale.ROOT, "codec + detector delay, offline (same encoder settings, same detector): "
                        + "median %d samples = %.2f ms (min %d, max %d, %d bursts); encoder lookahead %d samples%n",
                codec.median, codec.median / 48.0, codec.min, codec.max, codec.count, codec.lookahead);
        if (processing.contains(true)) {
            CodecDelay apm = calibrateProcessing();
            System.out.printf(Locale.ROOT, "microphone processing + detector delay, offline (the bursts alone through "
                            + "echo cancellation, noise suppression and gain): median %d samples = %.2f ms (min %d, max %d, "
                            + "%d bursts)%n", apm.median, apm.median / 48.0, apm.min, apm.max, apm.count);
        }
        System.out.printf(Locale.ROOT, "%d run(s) of %d s after %d s warm-up, %s source, relay %s, audio processing %s%n",
                runs, seconds, warmup, paced ? "paced" : "unpaced", relayJar,
                processing.stream().map(on -> on ? "on" : "off").toList());

        List<RunResult> results = new ArrayList<>();
        List<Boolean> processed = new ArrayList<>();
        try (RelayProcess relay = RelayProcess.start(relayJar, out.resolve("relay"), List.of());
             PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("events.csv")))) {
            csv.println("run,burst,handover_latency_ms,acoustic_latency_ms");
            for (int run = 1; run <= runs * processing.size(); run++) {
                int current = run;
                boolean on = processing.get((run - 1) % processing.size());
                RunResult r = retryingJoin(run, () -> runOnce(relay, paced, warmup, seconds, current, on));
                results.add(r);
                processed.add(on);
                for (int i = 0; i < r.latencies.size(); i++) {
                    csv.printf(Locale.ROOT, "%d,%d,%.3f,%.3f%n", run, i, r.latencies.get(i), r.acoustic.get(i));
                }
                System.out.printf(Locale.ROOT, "run %d (processing %s): %3d/%3d bursts heard (%d spurious)  latency median %6.2f ms  p95 %6.2f  "
                                + "min %6.2f  max %6.2f | acoustic median %6.2f  p95 %6.2f | jitter buffer %4.1f ms, jitter %.2f ms, rtt %.1f ms | "
                                + "playout writes every %.2f ms (p99 %.2f, max %.2f) | load %s%n",
                        run, on ? "on" : "off", r.matched, r.mouths, r.spurious, Stats.median(r.latencies), Stats.percentile(r.latencies, 95),
                        Stats.min(r.latencies), Stats.max(r.latencies), Stats.median(r.acoustic),
                        Stats.percentile(r.acoustic, 95), r.bufferMs, r.targetlessJitterMs, r.rttMs,
                        r.writeP50, r.writeP99, r.writeMax, r.load);
            }
        }
        if (processing.size() == 1) {
            summarize(results, codec);
            return;
        }
        List<Double> medians = new ArrayList<>(List.of(0.0, 0.0));
        for (boolean on : List.of(false, true)) {
            List<RunResult> these = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (processed.get(i) == on) {
                    these.add(results.get(i));
                }
            }
            System.out.println();
            System.out.println("######## audio processing " + (on ? "on" : "off") + " ########");
            summarize(these, codec);
            medians.set(on ? 1 : 0, Stats.median(these.stream().map(r -> Stats.median(r.acoustic)).toList()));
        }
        System.out.printf(Locale.ROOT, "%nacoustic mouth to ear, median of run medians: processing on %.2f ms, off %.2f ms: "
                + "on - off %+.2f ms, on / off x%.3f%n", medians.get(1), medians.get(0), medians.get(1) - medians.get(0),
                medians.get(1) / medians.get(0));
    }

    /** {@code off}, {@code on} or both, in the order given: the runs alternate between them. */
    private static List<Boolean> processingSettings(String spec) {
        List<Boolean> settings = new ArrayList<>();
        for (String s : spec.split(",")) {
            switch (s.trim()) {
                case "off" -> settings.add(false);
                case "on" -> settings.add(true);
                default -> throw new IllegalArgumentException("--audio-processing takes off, on or off,on, not " + spec);
            }
        }
        if (settings.contains(true)) {
            NativeAudioProcessing.shared().unavailableReason().ifPresent(reason -> {
                throw new IllegalStateException("audio processing is not available here: " + reason);
            });
        }
        return settings;
    }

    private static void glassToGlass(int runs, int seconds, int warmup, VideoCodec codec, Path relayJar, Path out)
            throws Exception {
        VideoCodecs codecs = BenchVideo.clientCodecs(codec);
        VideoSettings settings = BenchVideo.settings(codec);
        System.out.printf(Locale.ROOT, "glass to glass: %d run(s) of %d s after %d s warm-up, test pattern %dx%d at %d fps, "
                        + "%s at %d kbit/s, relay %s%n", runs, seconds, warmup, TestPattern.DEFAULT_WIDTH,
                TestPattern.DEFAULT_HEIGHT, TestPattern.DEFAULT_FRAME_RATE, codec, settings.cameraBitrate() / 1000, relayJar);
        List<GlassToGlass.RunResult> results = new ArrayList<>();
        try (RelayProcess relay = RelayProcess.start(relayJar, out.resolve("relay"), List.of());
             PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("frames.csv")))) {
            csv.println(GlassToGlass.CSV_HEADER);
            for (int run = 1; run <= runs; run++) {
                GlassToGlass.RunResult result = retryingJoin(run, () -> GlassToGlass.runOnce(relay, codecs, settings,
                        warmup, seconds));
                results.add(result);
                GlassToGlass.writeCsv(csv, run, result);
                GlassToGlass.print(run, result);
            }
        }
        GlassToGlass.summarize(results);
    }

    /** One measured run, which opens sessions that may fail to join. */
    interface Run<T> {
        T call() throws Exception;
    }

    /** Runs {@code once} up to three times while a session fails to join: a loaded shared machine can miss a handshake's timeout. */
    static <T> T retryingJoin(int run, Run<T> once) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return once.call();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.out.println("run " + run + ": a session did not join (" + e.getMessage() + ")"
                        + (attempt < 3 ? "; again" : ""));
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static RunResult runOnce(RelayProcess relay, boolean paced, int warmup, int seconds, int run,
                                     boolean processing) throws Exception {
        RoomLink link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
        BurstSource mouth = new BurstSource(paced, run * 7919L);
        StampingSink ear = new StampingSink();
        List<Sample> stats = new CopyOnWriteArrayList<>();
        CallSession receiver = CallSession.start(config(link, "ear", null, ear), e -> {
            if (e instanceof CallEvent.StatsUpdated s) {
                stats.add(new Sample(System.nanoTime(), s.stats()));
            }
        });
        CallSession sender = null;
        try {
            receiver.joined().get(30, TimeUnit.SECONDS);
            CallConfig mouthConfig = config(link, "mouth", mouth, null);
            if (processing) {
                // as the client does for a microphone: the processor sees every frame before the encoder
                mouthConfig = mouthConfig.withAudioProcessor(NativeAudioProcessing.shared().open(AudioProcessing.ALL));
            }
            sender = CallSession.start(mouthConfig, CallEvents.NONE);
            sender.joined().get(30, TimeUnit.SECONDS);
            String load = loadAverage();
            long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long to = from + TimeUnit.SECONDS.toNanos(seconds);
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(to - System.nanoTime()) + 500);
            return evaluate(mouth, ear, stats, from, to, load);
        } finally {
            receiver.leave();
            if (sender != null) {
                sender.leave();
                sender.ended().get(10, TimeUnit.SECONDS);
            }
            receiver.ended().get(10, TimeUnit.SECONDS);
        }
    }

    private static CallConfig config(RoomLink link, String name, BurstSource source, StampingSink sink) {
        return new CallConfig(link, IdentityKeyPair.generate(), name, "", source, sink, CallOptions.defaults(),
                "parley-bench");
    }

    /** Pairs each burst handed over in [from, to) with the first onset heard after it, within the burst spacing. */
    private static RunResult evaluate(BurstSource mouth, StampingSink ear, List<Sample> stats, long from, long to,
                                      String load) {
        long spacing = BurstSource.SPACING_SAMPLES * 1_000_000_000L / 48_000;
        List<Long> heard = new ArrayList<>(ear.heard().stream().map(StampingSink.Heard::earNanos).toList());
        heard.sort(Comparator.naturalOrder());
        // pair every burst with the first onset heard after it, then keep the bursts handed over in the window
        List<Double> latencies = new ArrayList<>();
        List<Double> acoustic = new ArrayList<>();
        boolean[] used = new boolean[heard.size()];
        int mouths = 0;
        int h = 0;
        for (BurstSource.Onset o : mouth.onsets()) {
            long m = o.handoverNanos();
            while (h < heard.size() && heard.get(h) <= m) {
                h++;
            }
            boolean match = h < heard.size() && heard.get(h) - m < spacing;
            if (match) {
                used[h] = true;
            }
            if (m >= from && m < to) {
                mouths++;
                if (match) {
                    latencies.add((heard.get(h) - m) / 1e6);
                    acoustic.add((heard.get(h) - o.capturedNanos()) / 1e6);
                }
            }
            if (match) {
                h++;
            }
        }
        int spurious = 0;
        for (int i = 0; i < heard.size(); i++) {
            if (!used[i] && heard.get(i) >= from && heard.get(i) < to) {
                spurious++;
            }
        }
        List<Double> buffer = new ArrayList<>();
        List<Double> jitter = new ArrayList<>();
        List<Double> rtt = new ArrayList<>();
        for (Sample s : stats) {
            if (s.atNanos < from || s.atNanos >= to) {
                continue;
            }
            rtt.add((double) s.stats.rttMs());
            for (PeerStats p : s.stats.peers()) {
                buffer.add((double) p.bufferMs());
                jitter.add(p.jitterMs());
            }
        }
        List<Double> gaps = new ArrayList<>();
        List<Long> writes = ear.writes();
        for (int i = 1; i < writes.size(); i++) {
            if (writes.get(i - 1) >= from && writes.get(i) < to) {
                gaps.add((writes.get(i) - writes.get(i - 1)) / 1e6);
            }
        }
        return new RunResult(latencies, acoustic, mouths, latencies.size(), spurious,
                Stats.median(buffer), Stats.median(jitter), Stats.median(rtt),
                Stats.median(gaps), Stats.percentile(gaps, 99), Stats.max(gaps), load);
    }

    private static void summarize(List<RunResult> results, CodecDelay codec) {
        List<Double> buffers = new ArrayList<>();
        List<Double> rtts = new ArrayList<>();
        int heard = 0;
        int sent = 0;
        for (RunResult r : results) {
            buffers.add(r.bufferMs);
            rtts.add(r.rttMs);
            heard += r.matched;
            sent += r.mouths;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "== mouth-to-ear latency: %d runs, %d of %d bursts heard ==%n", results.size(), heard, sent);
        double median = summarize("handover to handover (the engine's share)", results.stream().map(RunResult::latencies).toList());
        summarize("acoustic (from capture on the source's clock: + the 20 ms frame, + any late read)",
                results.stream().map(RunResult::acoustic).toList());
        double codecMs = codec.median / 48.0;
        double buffer = Stats.median(buffers);
        System.out.printf(Locale.ROOT, "breakdown of the handover median: codec %.1f ms (offline), jitter-buffer delay %.1f ms "
                        + "(receiver stats, median: playout tick minus earliest arrival), rest %.1f ms "
                        + "(encode, seal, network, open, decode)%n", codecMs, buffer, median - codecMs - buffer);
        System.out.printf(Locale.ROOT, "QUIC smoothed rtt to the relay (median of runs): %.1f ms%n", Stats.median(rtts));
    }

    /** Prints one latency measure; returns the median of the run medians. */
    static double summarize(String title, List<List<Double>> runs) {
        List<Double> medians = new ArrayList<>();
        List<Double> p95s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (List<Double> r : runs) {
            medians.add(Stats.median(r));
            p95s.add(Stats.percentile(r, 95));
            p99s.add(Stats.percentile(r, 99));
            all.addAll(r);
        }
        System.out.println(title + ":");
        System.out.printf(Locale.ROOT, "  median of run medians %.2f ms (runs: %s)%n", Stats.median(medians), format(medians));
        System.out.printf(Locale.ROOT, "  median of run p95s    %.2f ms (runs: %s)%n", Stats.median(p95s), format(p95s));
        System.out.printf(Locale.ROOT, "  median of run p99s    %.2f ms (runs: %s)%n", Stats.median(p99s), format(p99s));
        System.out.printf(Locale.ROOT, "  all pooled (%d): median %.2f ms, p95 %.2f ms, p99 %.2f ms, min %.2f ms, max %.2f ms%n",
                all.size(), Stats.median(all), Stats.percentile(all, 95), Stats.percentile(all, 99), Stats.min(all),
                Stats.max(all));
        return Stats.median(medians);
    }

    /** The 1-minute load average when the run started: the machine is shared. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }

    private record CodecDelay(int median, int min, int max, int count, int lookahead) {
    }

    /**
     * The codec's share without any network or clocks: the same bursts through an encoder with the
     * engine's settings and a decoder, DTX frames played as silence as the jitter buffer does.
     */
    static CodecDelay calibrateCodec() {
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults()
                .withBitrate(CallOptions.defaults().initialBitrate()).withComplexity(CallOptions.defaults().complexity()));
        OpusAudioDecoder decoder = new OpusAudioDecoder();
        byte[] packet = new byte[OpusAudioEncoder.MAX_PACKET_BYTES];
        return onsetDelay((frame, decoded) -> {
            int n = encoder.encode(frame, packet, 0, packet.length);
            if (encoder.lastWasDtx()) {
                java.util.Arrays.fill(decoded, (short) 0);
            } else {
                decoder.decode(packet, 0, n, decoded);
            }
        }, encoder.lookaheadSamples());
    }

    /** The microphone processing's share, offline: the same bursts through the processor a microphone gets. */
    static CodecDelay calibrateProcessing() {
        try (AudioProcessor processor = NativeAudioProcessing.shared().open(AudioProcessing.ALL)) {
            return onsetDelay((frame, out) -> {
                System.arraycopy(frame, 0, out, 0, frame.length);
                processor.nearEnd(out);
            }, 0);
        }
    }

    /** One 20 ms frame in, one out. */
    private interface Stage {
        void process(short[] in, short[] out);
    }

    /** Samples from each burst's onset going in to its onset coming out of {@code stage}, over a minute of bursts. */
    private static CodecDelay onsetDelay(Stage stage, int lookahead) {
        BurstSource signal = new BurstSource(false, 1);
        BurstDetector in = new BurstDetector();
        BurstDetector outDetector = new BurstDetector();
        short[] frame = new short[960];
        short[] out = new short[960];
        List<Long> sentOnsets = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        for (int f = 0; f < 50 * 60; f++) {
            signal.next(frame);
            int k = in.scan(frame);
            if (k >= 0) {
                sentOnsets.add((long) f * 960 + k);
            }
            stage.process(frame, out);
            int j = outDetector.scan(out);
            if (j >= 0 && !sentOnsets.isEmpty()) {
                long at = (long) f * 960 + j;
                long last = sentOnsets.get(sentOnsets.size() - 1);
                if (at >= last) {
                    delays.add((double) (at - last));
                }
            }
        }
        return new CodecDelay((int) Stats.median(delays), (int) Stats.min(delays), (int) Stats.max(delays),
                delays.size(), lookahead);
    }
}
