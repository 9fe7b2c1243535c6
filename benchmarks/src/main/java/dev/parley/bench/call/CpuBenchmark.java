package dev.parley.bench.call;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;

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
 */
public final class CpuBenchmark {
    static final String USAGE = """
            usage: java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.call.CpuBenchmark
                     [--runs 3] [--modes listen,talk] [--first 60] [--steady-start 120] [--window 60] [--talkers 9]
                     [--relay-jar relay-app/target/parley-relay-*-exec.jar] [--client-jar swing-client/target/parley-client.jar]
                     [--speech-a common/src/test/resources/audio/speech-a-48k.wav] [--speech-b .../speech-b-48k.wav]
                     [--client-jvm-options "-XX:..."] [--out benchmarks/target/call-cpu]
                     [--variants "NAME=JAR [JVM OPTIONS...];NAME=JAR ..."]   (instead of --client-jar/--client-jvm-options)
            Run from the repository root after building (see benchmarks/README.md, call benchmarks).""";
    private static final Pattern BITRATE_IN = Pattern.compile("\"bitrate_in\":(\\d+)");
    private static final Pattern LOSS = Pattern.compile("\"loss\":([0-9.Ee-]+)");
    private static final Pattern TIME = Pattern.compile("^\\{\"time\":(\\d+)");

    /** A measured client: a jar and the JVM options to start it with. */
    record Variant(String name, Path jar, List<String> jvmOptions) {
        /** "NAME=JAR [OPTIONS...]" entries separated by ';'. */
        static List<Variant> parse(String spec) {
            List<Variant> variants = new ArrayList<>();
            for (String entry : spec.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("a variant is NAME=JAR [JVM OPTIONS...], not " + entry);
                }
                List<String> words = List.of(entry.substring(eq + 1).trim().split("\\s+"));
                variants.add(new Variant(entry.substring(0, eq).trim(), Path.of(words.get(0)),
                        words.subList(1, words.size())));
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
    private record Result(String mode, String variant, double joinCpuSeconds, double joinSeconds, double first,
                          double firstJit, double steady, double steadyJit, double whole, Map<String, Double> threads,
                          double talkersPercent, double relayPercent, double streams, double bitrateIn, double loss,
                          String load, String trace) {
    }

    /** CPU of the measured process and of its JIT compiler threads at one instant. */
    private record Sample(long wall, long cpu, long jit) {
        static Sample of(long pid) throws IOException {
            long wall = System.nanoTime();
            return new Sample(wall, ProcStat.treeCpuNanos(pid), jitNanos(pid));
        }

        double percentSince(Sample from) {
            return 100.0 * (cpu - from.cpu) / (wall - from.wall);
        }

        double jitPercentSince(Sample from) {
            return 100.0 * (jit - from.jit) / (wall - from.wall);
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
                "client-jar", "speech-a", "speech-b", "client-jvm-options", "out", "variants"), Set.of(), USAGE);
        int runs = args.integer("runs", 3);
        List<String> modes = List.of(args.string("modes", "listen,talk").split(","));
        int first = args.integer("first", 60);
        int steadyStart = args.integer("steady-start", 120);
        int window = args.integer("window", 60);
        if (steadyStart < first) {
            throw new IllegalArgumentException("--steady-start must not be before the end of --first");
        }
        int talkerCount = args.integer("talkers", 9);
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
            variants = List.of(new Variant("client", clientJar, clientJvm));
        }
        Path out = Path.of(args.string("out", "benchmarks/target/call-cpu")).toAbsolutePath();
        Files.createDirectories(out);

        short[] a = LoopingSource.load(speechA);
        short[] b = LoopingSource.load(speechB);
        Path longSpeech = out.resolve("speech-a-looped.wav");
        writeWav(longSpeech, a, (steadyStart + window + 60) * 48_000);
        System.out.printf(Locale.ROOT, "%d talkers + 1 measured participant, %d run(s) per mode %s and variant %s; "
                        + "first %d s after joining, steady state %d-%d s after joining%n", talkerCount, runs, modes,
                variants.stream().map(v -> v.name() + "=" + v.jar() + " " + String.join(" ", v.jvmOptions())).toList(),
                first, steadyStart, steadyStart + window);

        List<Result> results = new ArrayList<>();
        List<CallSession> talkers = new ArrayList<>();
        try (RelayProcess relay = RelayProcess.start(relayJar, out.resolve("relay"), List.of())) {
            RoomLink link = RoomLinks.create("127.0.0.1", relay.port(), Optional.of(relay.fingerprint()));
            for (int i = 0; i < talkerCount; i++) {
                short[] speech = i % 2 == 0 ? a : b;
                LoopingSource source = new LoopingSource(speech, (int) ((long) speech.length * i / talkerCount));
                talkers.add(CallSession.start(new CallConfig(link, IdentityKeyPair.generate(), "talker-" + (i + 1), "",
                        source, null, CallOptions.defaults(), "parley-bench"), CallEvents.NONE));
            }
            for (CallSession t : talkers) {
                t.joined().get(60, TimeUnit.SECONDS);
            }
            System.out.println("talkers joined");
            for (int run = 1; run <= runs; run++) {
                for (String mode : modes) {
                    for (Variant variant : variants) {
                        Result r = null;
                        for (int attempt = 1; r == null; attempt++) {
                            try {
                                r = measure(mode.trim(), variant, run, relay, link, longSpeech, first, steadyStart,
                                        window, out);
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
                                        + "streams, %.0f kbit/s, loss %.2f %% | talkers %.0f %%, relay %.0f %% | load %s%n",
                                run, r.mode, r.variant, first, r.first, r.firstJit, r.steady, r.steadyJit, r.whole,
                                r.joinCpuSeconds, r.joinSeconds, r.streams, r.bitrateIn / 1000, r.loss * 100,
                                r.talkersPercent, r.relayPercent, r.load);
                        System.out.println("           steady threads: " + formatThreads(r.threads, 8));
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
        summarize(results, modes, variants, first, steadyStart, window);
    }

    private static Result measure(String mode, Variant variant, int run, RelayProcess relay, RoomLink link,
                                  Path speech, int first, int steadyStart, int window, Path out) throws Exception {
        Path dir = out.resolve("run-" + run + "-" + mode + "-" + variant.name());
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Jvm.java());
        cmd.addAll(variant.jvmOptions());
        cmd.addAll(List.of("-jar", variant.jar().toAbsolutePath().toString(), "--headless",
                "--link", RoomLinks.format(link), "--name", "measured-" + run + "-" + mode + "-" + variant.name(),
                "--profile", dir.resolve("profile").toString(),
                "--duration", (steadyStart + window + 30) + "s", "--stats",
                "--record", dir.resolve("heard.wav").toString()));
        if (mode.equals("talk")) {
            cmd.addAll(List.of("--play", speech.toString()));
        } else if (!mode.equals("listen")) {
            throw new IllegalArgumentException("mode is listen or talk, not " + mode);
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
            String loadAtJoin = LatencyBenchmark.loadAverage();
            List<String> trace = new ArrayList<>();
            sleepTracing(p.pid(), joined.wall() + TimeUnit.SECONDS.toNanos(first), trace);
            Sample firstEnd = Sample.of(p.pid());
            sleepTracing(p.pid(), joined.wall() + TimeUnit.SECONDS.toNanos(steadyStart), trace);
            long self = ProcessHandle.current().pid();
            Sample steady0 = Sample.of(p.pid());
            Map<String, Long> threads0 = ProcStat.treeThreadCpuNanos(p.pid());
            long talkers0 = ProcStat.processCpuNanos(self);
            long relay0 = ProcStat.processCpuNanos(relay.pid());
            long from = System.currentTimeMillis();
            sleepTracing(p.pid(), steady0.wall() + TimeUnit.SECONDS.toNanos(window), trace);
            Sample steady1 = Sample.of(p.pid());
            Map<String, Long> threads1 = ProcStat.treeThreadCpuNanos(p.pid());
            long talkers1 = ProcStat.processCpuNanos(self);
            long relay1 = ProcStat.processCpuNanos(relay.pid());
            long to = System.currentTimeMillis();
            String load = loadAtJoin + " -> " + LatencyBenchmark.loadAverage();
            if (!p.isAlive()) {
                throw new IOException("the measured participant ended during the window; see " + dir);
            }
            long wall = steady1.wall() - steady0.wall();
            Map<String, Double> threads = new LinkedHashMap<>();
            ProcStat.delta(threads0, threads1).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> threads.put(e.getKey(), 100.0 * e.getValue() / wall));
            double[] heard = heardInWindow(dir.resolve("stats.jsonl"), from, to);
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            if (stderr.contains("audio failed") || !threads.containsKey("parley-audio-re")) {
                throw new IOException("the measured participant's audio loop died; see " + dir.resolve("stderr.txt"));
            }
            Sample processStart = new Sample(started, 0, 0);
            return new Result(mode, variant.name(), joined.cpu() / 1e9, (joined.wall() - started) / 1e9,
                    firstEnd.percentSince(joined), firstEnd.jitPercentSince(joined),
                    steady1.percentSince(steady0), steady1.jitPercentSince(steady0), steady1.percentSince(processStart),
                    threads, 100.0 * (talkers1 - talkers0) / wall, 100.0 * (relay1 - relay0) / wall,
                    heard[0], heard[1], heard[2], load, String.join(" ", trace));
        } finally {
            Jvm.stop(p);
        }
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

    private static long jitNanos(long pid) throws IOException {
        return ProcStat.treeThreadCpuNanos(pid).entrySet().stream().filter(e -> e.getKey().contains("Compiler"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Mean number of streams with bytes in, total bit/s in, and mean loss over the stats lines of the window. */
    private static double[] heardInWindow(Path statsFile, long from, long to) throws IOException {
        double streams = 0;
        double bitrate = 0;
        double loss = 0;
        int lines = 0;
        int peers = 0;
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
        }
        return new double[] {lines == 0 ? 0 : streams / lines, lines == 0 ? 0 : bitrate / lines, peers == 0 ? 0 : loss / peers};
    }

    private static void summarize(List<Result> results, List<String> modes, List<Variant> variants, int first,
                                  int steadyStart, int window) {
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
                                + "to join %s s CPU | hearing %.1f streams%n",
                        mode.trim(), variant.name(), summary(rs, Result::first), summary(rs, Result::firstJit),
                        summary(rs, Result::steady), summary(rs, Result::steadyJit), summary(rs, Result::whole),
                        summary(rs, Result::joinCpuSeconds), Stats.median(rs.stream().map(Result::streams).toList()));
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
                System.out.printf(Locale.ROOT, "                   talkers' JVM median %.0f %%, relay median %.0f %%; load %s%n",
                        Stats.median(rs.stream().map(Result::talkersPercent).toList()),
                        Stats.median(rs.stream().map(Result::relayPercent).toList()),
                        String.join(" | ", rs.stream().map(Result::load).toList()));
            }
        }
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
