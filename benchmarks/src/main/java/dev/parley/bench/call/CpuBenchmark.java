package dev.parley.bench.call;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;
import dev.parley.common.call.VideoSetup;
import dev.parley.common.video.TestPattern;
import dev.parley.common.video.VideoCodec;
import dev.parley.common.video.VideoSettings;
import dev.parley.common.video.VideoSink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU of one headless participant in a 10-person call with 9 peers talking. Three JVMs: the relay
 * (relay-app's runnable jar), this one (the 9 talkers: speech A and B looped, from different
 * starting points, default call options, playing nothing) and the measured participant, the
 * desktop jar in {@code --headless} mode, recording what it hears (the mix of 9 streams) to a
 * file; in mode {@code talk} it also plays speech into the call. Its CPU is utime + stime from
 * {@code /proc/PID/stat} of the process and its descendants (the jar restarts itself in a tuned
 * JVM; the launcher waiting for it counts too), as percent of one core, over three spans: the first {@code --first}
 * seconds after it joined (JIT warm-up included), a steady-state window from {@code --steady-start}
 * seconds after the join, and the whole call from process start to the end of that window; plus the
 * CPU seconds it spent from process start until it was in the call. Its threads are broken down over
 * the steady window. Each run is a fresh measured JVM; the talkers and the relay stay.
 *
 * <p>{@code --variants} compares clients back to back under the same load: each run measures every
 * mode with every variant in turn (a variant is a client jar plus JVM options).
 *
 * <p>{@code --call video} makes it a video call (by default of five): every talker also sends the
 * test pattern as its camera (the client's codecs, VP8 360p15 at 500 kbit/s by default) and
 * decodes nothing (its receive thread still opens every datagram), and the measured participant
 * sends its own test-pattern camera in every mode and decodes every camera it receives, handing
 * the pictures to no sink (the headless client without {@code --record-video}). The client's jar
 * must then be on this JVM's class path for the talkers' codecs.
 */
public final class CpuBenchmark {
    static final String USAGE = """
            usage: java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.call.CpuBenchmark
                     [--runs 3] [--modes listen,talk] [--first 60] [--steady-start 120] [--window 60] [--talkers 9]
                     [--relay-jar relay-app/target/parley-relay-*-exec.jar] [--client-jar swing-client/target/parley-client.jar]
                     [--speech-a common/src/test/resources/audio/speech-a-48k.wav] [--speech-b .../speech-b-48k.wav]
                     [--client-jvm-options "-XX:..."] [--out benchmarks/target/call-cpu]
                     [--variants "NAME=JAR [JVM OPTIONS...] [-- CLIENT ARGS...];NAME=JAR ..."]
                      (instead of --client-jar/--client-jvm-options; --input/--output among the client's own
                      arguments replace the played speech and the recording)
                     [--call audio|video] [--video-codec vp8|jpeg]   (video: --talkers 4 and --modes talk by default;
                      the client jar on this JVM's class path too, see README)
            Run from the repository root after building (see benchmarks/README.md, call benchmarks).""";
    private static final Pattern BITRATE_IN = Pattern.compile("\"bitrate_in\":(\\d+)");
    private static final Pattern LOSS = Pattern.compile("\"loss\":([0-9.Ee-]+)");
    private static final Pattern TIME = Pattern.compile("^\\{\"time\":(\\d+)");
    private static final Pattern VIDEO_IN = Pattern.compile("\"video_in\":\\[(.*?)\\]");
    private static final Pattern VIDEO_OUT = Pattern.compile("\"video_out\":\\[(.*?)\\]");
    private static final Pattern FPS = Pattern.compile("\"fps\":([0-9.]+)");
    private static final Pattern BITRATE = Pattern.compile("\"bitrate\":(\\d+)");
    private static final Pattern DROPPED = Pattern.compile("\"frames_dropped\":(\\d+)");

    /** A measured client: a jar and the JVM options to start it with. */
    /**
     * One client to measure: its jar, JVM options, and arguments of its own (after {@code --}), such as
     * the devices and the microphone processing. {@code --input} replaces the played speech, {@code
     * --output} the recording.
     */
    record Variant(String name, Path jar, List<String> jvmOptions, List<String> clientArgs) {
        /** "NAME=JAR [JVM OPTIONS...] [-- CLIENT ARGUMENTS...]" entries separated by ';'. */
        static List<Variant> parse(String spec) {
            List<Variant> variants = new ArrayList<>();
            for (String entry : spec.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("a variant is NAME=JAR [JVM OPTIONS...] [-- CLIENT ARGUMENTS...], not "
                            + entry);
                }
                List<String> words = List.of(entry.substring(eq + 1).trim().split("\\s+"));
                int dashes = words.indexOf("--");
                List<String> jvm = words.subList(1, dashes < 0 ? words.size() : dashes);
                List<String> client = dashes < 0 ? List.of() : words.subList(dashes + 1, words.size());
                variants.add(new Variant(entry.substring(0, eq).trim(), Path.of(words.get(0)), jvm, client));
            }
            return variants;
        }
    }

    /**
     * One measured call.
     *
     * @param joinCpuSeconds CPU seconds from process start until in the call
     * @param joinSeconds wall seconds from process start until in the call
     * @param first % of one core over the first window after joining; {@code firstJit} of it the JIT compilers'
     * @param steady % of one core over the steady window; {@code steadyJit} of it the JIT compilers'
     * @param whole % of one core from process start to the end of the steady window
     * @param threads % of one core per thread group over the steady window
     */
    private record Result(int run, String mode, String variant, double joinCpuSeconds, double joinSeconds, double first,
                          double firstJit, double steady, double steadyJit, double whole, Map<String, Double> threads,
                          Others firstOthers, Others steadyOthers, Map<String, Double> talkerThreads, Heard heard,
                          String load, String trace) {
    }

    /** % of one core over a window: the talkers' JVM (this one), the relay, and every other process on the machine. */
    private record Others(double talkers, double relay, double rest) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "talkers %.0f %%, relay %.0f %%, other processes %.0f %%", talkers, relay, rest);
        }
    }

    /** CPU of this JVM, the relay and the whole machine at one instant, to subtract the measured participant from. */
    private record Load(long wall, long talkers, long relay, long machine) {
        static Load of(long relayPid) throws IOException {
            return new Load(System.nanoTime(), ProcStat.processCpuNanos(ProcessHandle.current().pid()),
                    ProcStat.processCpuNanos(relayPid), ProcStat.machineBusyNanos());
        }

        Others since(Load from, Sample measuredFrom, Sample measuredTo) {
            double wall = this.wall - from.wall;
            long t = talkers - from.talkers;
            long r = relay - from.relay;
            long rest = machine - from.machine - t - r - (measuredTo.cpu() - measuredFrom.cpu());
            return new Others(100.0 * t / wall, 100.0 * r / wall, 100.0 * rest / wall);
        }
    }

    /**
     * What the measured participant's stats lines say over the steady window (means over the lines).
     *
     * @param streams       peers with bytes in
     * @param bitrateIn     bit/s in from all peers (audio, and video in a video call)
     * @param loss          mean packet loss per peer
     * @param videoStreams  video streams decoding (fps above 0)
     * @param videoFps      decoded frames per second, all streams
     * @param videoDropped  frames given up over the window, all streams
     * @param sentFps       frames per second of our own camera sent
     * @param sentBitrate   bit/s of our own camera sent
     */
    private record Heard(double streams, double bitrateIn, double loss, double videoStreams, double videoFps,
                         long videoDropped, double sentFps, double sentBitrate) {
    }

    /** CPU of the measured process and of its JIT compiler threads (by thread id) at one instant. */
    private record Sample(long wall, long cpu, Map<Long, ProcStat.ThreadCpu> jit) {
        static Sample of(long pid) throws IOException {
            long wall = System.nanoTime();
            Map<Long, ProcStat.ThreadCpu> jit = new HashMap<>(ProcStat.treeThreadCpu(pid));
            jit.values().removeIf(t -> !t.group().contains("Compiler"));
            return new Sample(wall, ProcStat.treeCpuNanos(pid), jit);
        }

        double percentSince(Sample from) {
            return 100.0 * (cpu - from.cpu) / (wall - from.wall);
        }

        double jitPercentSince(Sample from) {
            long nanos = ProcStat.delta(from.jit, jit).values().stream().mapToLong(Long::longValue).sum();
            return 100.0 * nanos / (wall - from.wall);
        }
    }

    /** The measured participant never got into the call. */
    private static final class JoinFailed extends IOException {
        JoinFailed(String message) {
            super(message);
        }
    }

    private CpuBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("runs", "modes", "first", "steady-start", "window", "talkers", "relay-jar",
                "client-jar", "speech-a", "speech-b", "client-jvm-options", "out", "variants", "call", "video-codec"),
                Set.of(), USAGE);
        int runs = args.integer("runs", 3);
        boolean video = args.string("call", "audio").equals("video");
        if (!video && !args.string("call", "audio").equals("audio")) {
            throw new IllegalArgumentException("--call is audio or video, not " + args.string("call", ""));
        }
        VideoCodec videoCodec = BenchVideo.codec(args.string("video-codec", "vp8"));
        List<String> modes = List.of(args.string("modes", video ? "talk" : "listen,talk").split(","));
        int first = args.integer("first", 60);
        int steadyStart = args.integer("steady-start", 120);
        int window = args.integer("window", 60);
        if (steadyStart < first) {
            throw new IllegalArgumentException("--steady-start must not be before the end of --first");
        }
        int talkerCount = args.integer("talkers", video ? 4 : 9);
        Path relayJar = args.path("relay-jar", Path.of("relay-app/target"), "parley-relay-*-exec.jar");
        Path speechA = args.path("speech-a", Path.of("common/src/test/resources/audio"), "speech-a-48k.wav");
        Path speechB = args.path("speech-b", Path.of("common/src/test/resources/audio"), "speech-b-48k.wav");
        List<Variant> variants;
        if (!args.string("variants", "").isBlank()) {
            variants = Variant.parse(args.string("variants", ""));
        } else {
            Path clientJar = args.path("client-jar", Path.of("swing-client/target"), "parley-client.jar");
            List<String> clientJvm = args.string("client-jvm-options", "").isBlank() ? List.of()
                    : List.of(args.string("client-jvm-options", "").trim().split("\\s+"));
            variants = List.of(new Variant("client", clientJar, clientJvm, List.of()));
        }
        Path out = Path.of(args.string("out", "benchmarks/target/call-cpu")).toAbsolutePath();
        Files.createDirectories(out);

        short[] a = LoopingSource.load(speechA);
        short[] b = LoopingSource.load(speechB);
        Path longSpeech = out.resolve("speech-a-looped.wav");
        writeWav(longSpeech, a, (steadyStart + window + 60) * 48_000);
        System.out.printf(Locale.ROOT, "%s call: %d talkers + 1 measured participant, %d run(s) per mode %s and variant %s; "
                        + "first %d s after joining, steady state %d-%d s after joining%n",
                video ? "video (" + videoCodec + " test pattern " + TestPattern.DEFAULT_WIDTH + "x"
                        + TestPattern.DEFAULT_HEIGHT + " at " + TestPattern.DEFAULT_FRAME_RATE + " fps, "
                        + VideoSettings.defaults().cameraBitrate() / 1000 + " kbit/s, from everyone)" : "audio",
                talkerCount, runs, modes,
                variants.stream().map(v -> v.name() + "=" + v.jar() + " " + String.join(" ", v.jvmOptions())).toList(),
                first, steadyStart, steadyStart + window);

        List<Result> results = new ArrayList<>();
        List<CallSession> talkers = new ArrayList<>();
        try (RelayProcess relay = RelayProcess.start(relayJar, out.resolve("relay"), List.of())) {
            RoomLink link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
            VideoSetup talkerVideo = video ? new VideoSetup(BenchVideo.sendOnly(BenchVideo.clientCodecs(videoCodec)),
                    VideoSink.NONE, BenchVideo.settings(videoCodec)) : VideoSetup.NONE;
            for (int i = 0; i < talkerCount; i++) {
                short[] speech = i % 2 == 0 ? a : b;
                LoopingSource source = new LoopingSource(speech, (int) ((long) speech.length * i / talkerCount));
                talkers.add(CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "talker-" + (i + 1), "",
                        source, null, CallOptions.defaults(), "parley-bench", talkerVideo), CallEvents.NONE));
            }
            for (CallSession t : talkers) {
                t.joined().get(60, TimeUnit.SECONDS);
                if (video) {
                    t.startVideo(new TestPattern());
                }
            }
            System.out.println("talkers joined" + (video ? ", each sending its test-pattern camera" : ""));
            for (int run = 1; run <= runs; run++) {
                for (String mode : modes) {
                    for (Variant variant : variants) {
                        Result r = null;
                        for (int attempt = 1; r == null; attempt++) {
                            try {
                                r = measure(mode.trim(), variant, run, relay, link, longSpeech, first, steadyStart,
                                        window, out, video ? Optional.of(videoCodec) : Optional.empty());
                            } catch (JoinFailed e) {
                                // on a loaded shared machine a handshake can miss its 10 s timeout: try again, and say so
                                System.out.println("run " + run + " " + mode + " " + variant.name() + ": "
                                        + e.getMessage() + (attempt < 3 ? "; again" : ""));
                                if (attempt == 3) {
                                    throw e;
                                }
                            }
                        }
                        results.add(r);
                        System.out.printf(Locale.ROOT, "run %d %-6s %-10s: first %d s %5.1f %% (JIT %4.1f) | steady %5.1f %% "
                                        + "(JIT %3.1f) | whole call %5.1f %% | to join %.1f s CPU in %.1f s | hears %.1f "
                                        + "streams, %.0f kbit/s, loss %.2f %%%s | load %s%n",
                                run, r.mode, r.variant, first, r.first, r.firstJit, r.steady, r.steadyJit, r.whole,
                                r.joinCpuSeconds, r.joinSeconds, r.heard.streams(), r.heard.bitrateIn() / 1000,
                                r.heard.loss() * 100, video ? videoHeard(r.heard) : "", r.load);
                        System.out.println("           first window: " + r.firstOthers + " | steady window: " + r.steadyOthers);
                        System.out.println("           steady threads: " + formatThreads(r.threads, 8));
                        System.out.println("           talkers' JVM, steady threads: " + formatThreads(r.talkerThreads, 8));
                        System.out.println("           since joining, per 5 s, total/JIT %: " + r.trace);
                    }
                }
            }
        } finally {
            for (CallSession t : talkers) {
                t.leave();
            }
            for (CallSession t : talkers) {
                try {
                    t.ended().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // leaving anyway
                }
            }
        }
        summarize(results, modes, variants, first, steadyStart, window, video);
    }

    private static Result measure(String mode, Variant variant, int run, RelayProcess relay, RoomLink link,
                                  Path speech, int first, int steadyStart, int window, Path out,
                                  Optional<VideoCodec> video) throws Exception {
        Path dir = out.resolve("run-" + run + "-" + mode + "-" + variant.name());
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Jvm.java());
        cmd.addAll(variant.jvmOptions());
        cmd.addAll(List.of("-jar", variant.jar().toAbsolutePath().toString(), "--headless",
                "--link", RoomLinks.format(link), "--name", "measured-" + run + "-" + mode + "-" + variant.name(),
                "--profile", dir.resolve("profile").toString(),
                "--duration", (steadyStart + window + 30) + "s", "--stats"));
        if (!variant.clientArgs().contains("--output")) {
            cmd.addAll(List.of("--record", dir.resolve("heard.wav").toString()));
        }
        if (mode.equals("talk") && !variant.clientArgs().contains("--input")) {
            cmd.addAll(List.of("--play", speech.toString()));
        } else if (!mode.equals("listen") && !mode.equals("talk")) {
            throw new IllegalArgumentException("mode is listen or talk, not " + mode);
        }
        cmd.addAll(variant.clientArgs());
        if (video.isPresent()) {
            // sends its camera, and so has codecs: decodes every camera it receives, shows them nowhere
            cmd.addAll(List.of("--video", "test-pattern", "--video-codec", video.get().name().toLowerCase(Locale.ROOT)));
        }
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stats.jsonl").toFile()).start();
        CompletableFuture<Void> inCall = new CompletableFuture<>();
        Thread errors = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                 var log = Files.newBufferedWriter(dir.resolve("stderr.txt"))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains("IN_CALL")) {
                        inCall.complete(null);
                    }
                    log.write(line);
                    log.newLine();
                    log.flush();
                }
            } catch (IOException ignored) {
                // the process ended
            }
            inCall.completeExceptionally(new IOException("the measured participant exited; see " + dir.resolve("stderr.txt")));
        }, "measured-stderr");
        errors.setDaemon(true);
        errors.start();
        try {
            try {
                inCall.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new JoinFailed("the measured participant did not join: "
                        + Files.readString(dir.resolve("stderr.txt")).lines().reduce((x, y) -> y).orElse("(no output)"));
            }
            Sample joined = Sample.of(p.pid());
            Load joinedLoad = Load.of(relay.pid());
            String loadAtJoin = LatencyBenchmark.loadAverage();
            List<String> trace = new ArrayList<>();
            sleepTracing(p.pid(), joined.wall() + TimeUnit.SECONDS.toNanos(first), trace);
            Sample firstEnd = Sample.of(p.pid());
            Load firstEndLoad = Load.of(relay.pid());
            sleepTracing(p.pid(), joined.wall() + TimeUnit.SECONDS.toNanos(steadyStart), trace);
            Sample steady0 = Sample.of(p.pid());
            Map<Long, ProcStat.ThreadCpu> threads0 = ProcStat.treeThreadCpu(p.pid());
            Map<Long, ProcStat.ThreadCpu> talkerThreads0 = ProcStat.threadCpu(ProcessHandle.current().pid());
            Load steadyLoad0 = Load.of(relay.pid());
            long from = System.currentTimeMillis();
            sleepTracing(p.pid(), steady0.wall() + TimeUnit.SECONDS.toNanos(window), trace);
            Sample steady1 = Sample.of(p.pid());
            Map<Long, ProcStat.ThreadCpu> threads1 = ProcStat.treeThreadCpu(p.pid());
            Map<Long, ProcStat.ThreadCpu> talkerThreads1 = ProcStat.threadCpu(ProcessHandle.current().pid());
            Load steadyLoad1 = Load.of(relay.pid());
            long to = System.currentTimeMillis();
            String load = loadAtJoin + " -> " + LatencyBenchmark.loadAverage();
            if (!p.isAlive()) {
                throw new IOException("the measured participant ended during the window; see " + dir);
            }
            long wall = steady1.wall() - steady0.wall();
            Map<String, Double> threads = percentByGroup(threads0, threads1, wall);
            Map<String, Double> talkerThreads = percentByGroup(talkerThreads0, talkerThreads1, wall);
            Heard heard = heardInWindow(dir.resolve("stats.jsonl"), from, to);
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            if (stderr.contains("audio failed") || !threads.containsKey("parley-audio-re")) {
                throw new IOException("the measured participant's audio loop died; see " + dir.resolve("stderr.txt"));
            }
            Sample processStart = new Sample(started, 0, Map.of());
            return new Result(run, mode, variant.name(), joined.cpu() / 1e9, (joined.wall() - started) / 1e9,
                    firstEnd.percentSince(joined), firstEnd.jitPercentSince(joined),
                    steady1.percentSince(steady0), steady1.jitPercentSince(steady0), steady1.percentSince(processStart),
                    threads, firstEndLoad.since(joinedLoad, joined, firstEnd), steadyLoad1.since(steadyLoad0, steady0, steady1),
                    talkerThreads, heard, load, String.join(" ", trace));
        } finally {
            Jvm.stop(p);
        }
    }

    /** % of one core per thread group between two readings, largest first. */
    private static Map<String, Double> percentByGroup(Map<Long, ProcStat.ThreadCpu> before,
                                                      Map<Long, ProcStat.ThreadCpu> after, long wallNanos) {
        Map<String, Double> out = new LinkedHashMap<>();
        ProcStat.delta(before, after).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), 100.0 * e.getValue() / wallNanos));
        return out;
    }

    /** Sleeps until {@code deadline} (System.nanoTime) in steps of at most 5 s, noting the process's CPU and its JIT compilers' share of each step. */
    private static void sleepTracing(long pid, long deadline, List<String> trace) throws IOException, InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            long step = Math.min(left, TimeUnit.SECONDS.toNanos(5));
            Sample s0 = Sample.of(pid);
            TimeUnit.NANOSECONDS.sleep(step);
            Sample s1 = Sample.of(pid);
            if (s1.wall() - s0.wall() > TimeUnit.SECONDS.toNanos(1)) {
                trace.add(String.format(Locale.ROOT, "%.0f/%.0f", s1.percentSince(s0), s1.jitPercentSince(s0)));
            }
        }
    }


    /** What the stats lines of the window say: audio and video in, our camera out. */
    private static Heard heardInWindow(Path statsFile, long from, long to) throws IOException {
        double streams = 0;
        double bitrate = 0;
        double loss = 0;
        int lines = 0;
        int peers = 0;
        double videoStreams = 0;
        double videoFps = 0;
        long droppedFirst = -1;
        long droppedLast = 0;
        double sentFps = 0;
        double sentBitrate = 0;
        for (String line : Files.readAllLines(statsFile)) {
            Matcher t = TIME.matcher(line);
            if (!t.find()) {
                continue;
            }
            long time = Long.parseLong(t.group(1));
            if (time < from || time > to) {
                continue;
            }
            lines++;
            Matcher m = BITRATE_IN.matcher(line);
            while (m.find()) {
                long bps = Long.parseLong(m.group(1));
                bitrate += bps;
                if (bps > 0) {
                    streams++;
                }
            }
            Matcher l = LOSS.matcher(line);
            while (l.find()) {
                loss += Double.parseDouble(l.group(1));
                peers++;
            }
            Matcher in = VIDEO_IN.matcher(line);
            long dropped = 0;
            if (in.find()) {
                Matcher f = FPS.matcher(in.group(1));
                while (f.find()) {
                    double fps = Double.parseDouble(f.group(1));
                    videoFps += fps;
                    videoStreams += fps > 0 ? 1 : 0;
                }
                Matcher d = DROPPED.matcher(in.group(1));
                while (d.find()) {
                    dropped += Long.parseLong(d.group(1));
                }
            }
            droppedFirst = droppedFirst < 0 ? dropped : droppedFirst;
            droppedLast = dropped;
            Matcher o = VIDEO_OUT.matcher(line);
            if (o.find()) {
                Matcher f = FPS.matcher(o.group(1));
                sentFps += f.find() ? Double.parseDouble(f.group(1)) : 0;
                Matcher b = BITRATE.matcher(o.group(1));
                sentBitrate += b.find() ? Long.parseLong(b.group(1)) : 0;
            }
        }
        double n = Math.max(1, lines);
        return new Heard(streams / n, bitrate / n, peers == 0 ? 0 : loss / peers, videoStreams / n, videoFps / n,
                Math.max(0, droppedLast - Math.max(0, droppedFirst)), sentFps / n, sentBitrate / n);
    }

    private static String videoHeard(Heard h) {
        return String.format(Locale.ROOT, " | decodes %.1f cameras, %.1f frames/s in all, %d frames dropped | sends %.1f fps, "
                + "%.0f kbit/s", h.videoStreams(), h.videoFps(), h.videoDropped(), h.sentFps(), h.sentBitrate() / 1000);
    }

    private static void summarize(List<Result> results, List<String> modes, List<Variant> variants, int first,
                                  int steadyStart, int window, boolean video) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== CPU of the measured participant, %% of one core (utime+stime), median of runs "
                + "(each run's figure in brackets) ==%n");
        System.out.printf(Locale.ROOT, "   first = %d s from joining; steady = %d-%d s after joining; whole = process start "
                + "to the end of steady; to join = CPU seconds from process start until in the call%n",
                first, steadyStart, steadyStart + window);
        for (String mode : modes) {
            for (Variant variant : variants) {
                List<Result> rs = results.stream()
                        .filter(r -> r.mode.equals(mode.trim()) && r.variant.equals(variant.name())).toList();
                if (rs.isEmpty()) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "%-6s %-10s: first %s (JIT %s) | steady %s (JIT %s) | whole %s | "
                                + "to join %s s CPU | hearing %.1f streams%s%n",
                        mode.trim(), variant.name(), summary(rs, Result::first), summary(rs, Result::firstJit),
                        summary(rs, Result::steady), summary(rs, Result::steadyJit), summary(rs, Result::whole),
                        summary(rs, Result::joinCpuSeconds), Stats.median(rs.stream().map(r -> r.heard.streams()).toList()),
                        video ? String.format(Locale.ROOT, ", decoding %.1f cameras at %.1f frames/s in all",
                                Stats.median(rs.stream().map(r -> r.heard.videoStreams()).toList()),
                                Stats.median(rs.stream().map(r -> r.heard.videoFps()).toList())) : "");
                Map<String, List<Double>> byThread = new LinkedHashMap<>();
                for (Result r : rs) {
                    r.threads.forEach((k, v) -> byThread.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
                Map<String, Double> medians = new LinkedHashMap<>();
                byThread.forEach((k, v) -> {
                    while (v.size() < rs.size()) {
                        v.add(0.0);
                    }
                    medians.put(k, Stats.median(v));
                });
                Map<String, Double> sorted = new LinkedHashMap<>();
                medians.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
                System.out.println("                   steady threads (median %): " + formatThreads(sorted, 8));
                System.out.printf(Locale.ROOT, "                   first window, median: talkers' JVM %.0f %%, relay %.0f %%, "
                                + "other processes %.0f %%; steady window: talkers' JVM %.0f %%, relay %.0f %%, other "
                                + "processes %.0f %%%n                   load %s%n",
                        Stats.median(rs.stream().map(r -> r.firstOthers.talkers()).toList()),
                        Stats.median(rs.stream().map(r -> r.firstOthers.relay()).toList()),
                        Stats.median(rs.stream().map(r -> r.firstOthers.rest()).toList()),
                        Stats.median(rs.stream().map(r -> r.steadyOthers.talkers()).toList()),
                        Stats.median(rs.stream().map(r -> r.steadyOthers.relay()).toList()),
                        Stats.median(rs.stream().map(r -> r.steadyOthers.rest()).toList()),
                        String.join(" | ", rs.stream().map(Result::load).toList()));
            }
            printRatios(results, mode.trim(), variants);
        }
    }

    /**
     * Each variant against the first, run by run: the two were measured minutes apart under the same
     * talkers, so their ratio moves less with the other users of a shared machine than either figure.
     */
    private static void printRatios(List<Result> results, String mode, List<Variant> variants) {
        for (Variant v : variants.subList(Math.min(1, variants.size()), variants.size())) {
            List<Double> first = new ArrayList<>();
            List<Double> steady = new ArrayList<>();
            for (Result r : results) {
                if (!r.mode.equals(mode) || !r.variant.equals(v.name())) {
                    continue;
                }
                results.stream().filter(x -> x.mode.equals(mode) && x.variant.equals(variants.get(0).name())
                        && x.run == r.run).findFirst().ifPresent(base -> {
                            first.add(r.first / base.first);
                            steady.add(r.steady / base.steady);
                        });
            }
            if (!first.isEmpty()) {
                System.out.printf(Locale.ROOT, "%-6s %s / %s, same run: first x%.2f [%s] | steady x%.2f [%s]%n", mode,
                        v.name(), variants.get(0).name(), Stats.median(first), format2(first), Stats.median(steady),
                        format2(steady));
            }
        }
    }

    private static String format2(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    private static String summary(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        List<Double> v = rs.stream().map(r -> f.applyAsDouble(r)).toList();
        return String.format(Locale.ROOT, "%.1f [%s]", Stats.median(v), format(v));
    }

    private static String formatThreads(Map<String, Double> threads, int limit) {
        List<String> parts = new ArrayList<>();
        double rest = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : threads.entrySet()) {
            if (i++ < limit) {
                parts.add(String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()));
            } else {
                rest += e.getValue();
            }
        }
        parts.add(String.format(Locale.ROOT, "other %.1f", rest));
        return String.join(", ", parts);
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }

    /** A 48 kHz mono 16-bit WAV of {@code samples} looped to {@code length} samples. */
    static void writeWav(Path path, short[] samples, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(48_000).putInt(96_000)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(length * 2);
        ByteBuffer data = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            data.putShort(samples[i % samples.length]);
        }
        try (OutputStream o = Files.newOutputStream(path)) {
            o.write(header.array());
            o.write(data.array());
        }
    }
}
