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
 * {@code /proc/PID/stat} over a window after a warm-up, as percent of one core; its threads are
 * broken down the same way. Each run is a fresh measured JVM; the talkers and the relay stay.
 */
public final class CpuBenchmark {
    static final String USAGE = """
            usage: java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.call.CpuBenchmark
                     [--runs 3] [--modes listen,talk] [--warmup 20] [--window 30] [--talkers 9]
                     [--relay-jar relay-app/target/parley-relay-*-exec.jar] [--client-jar swing-client/target/parley-client.jar]
                     [--speech-a common/src/test/resources/audio/speech-a-48k.wav] [--speech-b .../speech-b-48k.wav]
                     [--client-jvm-options "-XX:..."] [--out benchmarks/target/call-cpu]
            Run from the repository root after building (see benchmarks/CALL-BENCHMARKS.md).""";
    private static final Pattern BITRATE_IN = Pattern.compile("\"bitrate_in\":(\\d+)");
    private static final Pattern LOSS = Pattern.compile("\"loss\":([0-9.Ee-]+)");
    private static final Pattern TIME = Pattern.compile("^\\{\"time\":(\\d+)");

    private record Result(String mode, double percent, Map<String, Double> threads, double talkersPercent,
                          double relayPercent, double streams, double bitrateIn, double loss, String load,
                          String trace) {
        /** CPU without the JIT compiler threads: what is left once compilation has settled. */
        double withoutJit() {
            return percent - threads.entrySet().stream().filter(e -> e.getKey().contains("Compiler"))
                    .mapToDouble(Map.Entry::getValue).sum();
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
        Args args = new Args(argv, Set.of("runs", "modes", "warmup", "window", "talkers", "relay-jar", "client-jar",
                "speech-a", "speech-b", "client-jvm-options", "out"), Set.of(), USAGE);
        int runs = args.integer("runs", 3);
        List<String> modes = List.of(args.string("modes", "listen,talk").split(","));
        int warmup = args.integer("warmup", 20);
        int window = args.integer("window", 30);
        int talkerCount = args.integer("talkers", 9);
        Path relayJar = args.path("relay-jar", Path.of("relay-app/target"), "parley-relay-*-exec.jar");
        Path clientJar = args.path("client-jar", Path.of("swing-client/target"), "parley-client.jar");
        Path speechA = args.path("speech-a", Path.of("common/src/test/resources/audio"), "speech-a-48k.wav");
        Path speechB = args.path("speech-b", Path.of("common/src/test/resources/audio"), "speech-b-48k.wav");
        List<String> clientJvm = args.string("client-jvm-options", "").isBlank() ? List.of()
                : List.of(args.string("client-jvm-options", "").trim().split("\\s+"));
        Path out = Path.of(args.string("out", "benchmarks/target/call-cpu")).toAbsolutePath();
        Files.createDirectories(out);

        short[] a = LoopingSource.load(speechA);
        short[] b = LoopingSource.load(speechB);
        Path longSpeech = out.resolve("speech-a-looped.wav");
        writeWav(longSpeech, a, (warmup + window + 60) * 48_000);
        System.out.printf(Locale.ROOT, "%d talkers + 1 measured participant (%s), %d run(s) per mode %s, "
                + "%d s warm-up, %d s window%n", talkerCount, clientJar, runs, modes, warmup, window);

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
                    Result r = null;
                    for (int attempt = 1; r == null; attempt++) {
                        try {
                            r = measure(mode.trim(), run, relay, link, clientJar, clientJvm, longSpeech, warmup, window, out);
                        } catch (JoinFailed e) {
                            // on a loaded shared machine a handshake can miss its 10 s timeout: try again, and say so
                            System.out.println("run " + run + " " + mode + ": " + e.getMessage() + (attempt < 3 ? "; again" : ""));
                            if (attempt == 3) {
                                throw e;
                            }
                        }
                    }
                    results.add(r);
                    System.out.printf(Locale.ROOT, "run %d %-6s: measured participant %5.1f %% of one core | hears %.1f "
                                    + "streams, %.0f kbit/s in, loss %.2f %% | talkers' JVM %.0f %%, relay %.0f %% | load %s%n",
                            run, r.mode, r.percent, r.streams, r.bitrateIn / 1000, r.loss * 100, r.talkersPercent,
                            r.relayPercent, r.load);
                    System.out.printf(Locale.ROOT, "           without JIT compiler threads %.1f %%; threads: %s%n",
                            r.withoutJit(), formatThreads(r.threads, 8));
                    System.out.println("           since joining, per 5 s, total/JIT %: " + r.trace);
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
        summarize(results, modes);
    }

    private static Result measure(String mode, int run, RelayProcess relay, RoomLink link, Path clientJar,
                                  List<String> jvmOptions, Path speech, int warmup, int window, Path out)
            throws Exception {
        Path dir = out.resolve("run-" + run + "-" + mode);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Jvm.java());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", clientJar.toAbsolutePath().toString(), "--headless",
                "--link", RoomLinks.format(link), "--name", "measured-" + run + "-" + mode,
                "--profile", dir.resolve("profile").toString(),
                "--duration", (warmup + window + 30) + "s", "--stats",
                "--record", dir.resolve("heard.wav").toString()));
        if (mode.equals("talk")) {
            cmd.addAll(List.of("--play", speech.toString()));
        } else if (!mode.equals("listen")) {
            throw new IllegalArgumentException("mode is listen or talk, not " + mode);
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stats.jsonl").toFile()).start();
        CompletableFuture<Void> inCall = new CompletableFuture<>();
        Thread errors = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                 var log = Files.newBufferedWriter(dir.resolve("stderr.txt"))) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                    if (line.contains("IN_CALL")) {
                        inCall.complete(null);
                    }
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
            List<String> trace = new ArrayList<>();
            sleepTracing(p.pid(), warmup, trace);
            String load = LatencyBenchmark.loadAverage();
            long self = ProcessHandle.current().pid();
            long wall0 = System.nanoTime();
            long cpu0 = ProcStat.processCpuNanos(p.pid());
            Map<String, Long> threads0 = ProcStat.threadCpuNanos(p.pid());
            long talkers0 = ProcStat.processCpuNanos(self);
            long relay0 = ProcStat.processCpuNanos(relay.pid());
            long from = System.currentTimeMillis();
            sleepTracing(p.pid(), window, trace);
            long cpu1 = ProcStat.processCpuNanos(p.pid());
            Map<String, Long> threads1 = ProcStat.threadCpuNanos(p.pid());
            long talkers1 = ProcStat.processCpuNanos(self);
            long relay1 = ProcStat.processCpuNanos(relay.pid());
            long wall = System.nanoTime() - wall0;
            long to = System.currentTimeMillis();
            if (!p.isAlive()) {
                throw new IOException("the measured participant ended during the window; see " + dir);
            }
            Map<String, Double> threads = new LinkedHashMap<>();
            ProcStat.delta(threads0, threads1).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> threads.put(e.getKey(), 100.0 * e.getValue() / wall));
            double[] heard = heardInWindow(dir.resolve("stats.jsonl"), from, to);
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            if (stderr.contains("audio failed") || !threads.containsKey("parley-audio-re")) {
                throw new IOException("the measured participant's audio loop died; see " + dir.resolve("stderr.txt"));
            }
            return new Result(mode, 100.0 * (cpu1 - cpu0) / wall, threads, 100.0 * (talkers1 - talkers0) / wall,
                    100.0 * (relay1 - relay0) / wall, heard[0], heard[1], heard[2], load, String.join(" ", trace));
        } finally {
            Jvm.stop(p);
        }
    }

    /** Sleeps {@code seconds} in 5 s steps, noting the process's CPU and its JIT compilers' share of each step. */
    private static void sleepTracing(long pid, int seconds, List<String> trace) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            long step = Math.min(left, TimeUnit.SECONDS.toNanos(5));
            long t0 = System.nanoTime();
            long c0 = ProcStat.processCpuNanos(pid);
            long j0 = jitNanos(pid);
            TimeUnit.NANOSECONDS.sleep(step);
            long dt = System.nanoTime() - t0;
            trace.add(String.format(Locale.ROOT, "%.0f/%.0f", 100.0 * (ProcStat.processCpuNanos(pid) - c0) / dt,
                    100.0 * (jitNanos(pid) - j0) / dt));
        }
    }

    private static long jitNanos(long pid) throws IOException {
        return ProcStat.threadCpuNanos(pid).entrySet().stream().filter(e -> e.getKey().contains("Compiler"))
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

    private static void summarize(List<Result> results, List<String> modes) {
        System.out.println();
        System.out.println("== CPU of the measured participant, % of one core (utime+stime) ==");
        for (String mode : modes) {
            List<Result> rs = results.stream().filter(r -> r.mode.equals(mode.trim())).toList();
            if (rs.isEmpty()) {
                continue;
            }
            List<Double> cpu = rs.stream().map(Result::percent).toList();
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
            List<Double> noJit = rs.stream().map(Result::withoutJit).toList();
            System.out.printf(Locale.ROOT, "%-6s: median %.1f %% (runs: %s; min %.1f, max %.1f), hearing %.1f streams%n",
                    mode.trim(), Stats.median(cpu), format(cpu), Stats.min(cpu), Stats.max(cpu),
                    Stats.median(rs.stream().map(Result::streams).toList()));
            System.out.printf(Locale.ROOT, "        without JIT compiler threads: median %.1f %% (runs: %s)%n",
                    Stats.median(noJit), format(noJit));
            System.out.println("        threads (median %): " + formatThreads(sorted, 10));
            System.out.printf(Locale.ROOT, "        talkers' JVM median %.0f %%, relay median %.0f %%%n",
                    Stats.median(rs.stream().map(Result::talkersPercent).toList()),
                    Stats.median(rs.stream().map(Result::relayPercent).toList()));
        }
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
