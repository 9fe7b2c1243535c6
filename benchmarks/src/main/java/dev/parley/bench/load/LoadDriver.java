package dev.parley.bench.load;

import dev.parley.bench.cluster.RedisProcess;
import dev.parley.common.quic.QuicTls;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.quic.TlsMaterial;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the whole comparison: starts the relay and/or the bare forwarder as child JVMs (so their
 * CPU time is theirs alone), measures the loopback baseline, then steps the number of members in
 * rooms of {@code --room-size}, running {@code --reps} repetitions per step against each target
 * (targets alternate within a step, so background noise hits both alike), and prints per-run rows,
 * per-step medians, and the largest load each target sustains (under 1 % loss, p99 added latency
 * under 10 ms). Every run is also appended to {@code OUT/runs.csv}; server logs go to {@code OUT}.
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.load.LoadDriver \
 *     --targets bare,relay --relay-jar relay-app/target/parley-relay-0.1.0-SNAPSHOT.jar \
 *     --steps 50,100,200,300,400 --room-size 10 --seconds 20 --warmup 5 --reps 3
 * </pre>
 */
public final class LoadDriver {
    private LoadDriver() {
    }

    /** A server under test: a child JVM listening on a UDP port; a relay's actuator on {@code httpPort}, else 0. */
    private record Server(String name, Process process, int port, int httpPort, Path log) {
        long pid() {
            return process.pid();
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, List.of("keep-going", "server-jfr", "consolidate"));
        List<String> targets = Arrays.asList(a.str("targets", "bare,relay").split(","));
        int[] steps = Arrays.stream(a.str("steps", "50,100,200,300,400").split(",")).mapToInt(Integer::parseInt).toArray();
        int roomSize = a.integer("room-size", 10);
        double seconds = a.number("seconds", 20);
        double warmup = a.number("warmup", 5);
        int reps = a.integer("reps", 3);
        int threads = a.integer("threads", 2);
        String serverOpts = a.str("server-jvm-opts", "-Xms256m -Xmx512m");
        Path out = Path.of(a.str("out", "benchmarks/results/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Files.createDirectories(out);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String ownJar = a.str("jar", new File(LoadDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());

        TlsMaterial tls = TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(30));
        Path cert = out.resolve("bench-cert.pem");
        Path key = out.resolve("bench-key.pem");
        tls.writePem(cert, key);
        String pin = tls.fingerprint();

        List<Server> servers = new ArrayList<>();
        // "relay-cluster": the relay in cluster mode, its directory a redis-server of its own (started here)
        RedisProcess redis = targets.contains("relay-cluster") ? RedisProcess.start(out.resolve("redis.log")) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(s -> stop(s));
            if (redis != null) {
                redis.close();
            }
        }));
        Map<String, Server> byName = new LinkedHashMap<>();
        for (String t : targets) {
            int port = freePort();
            int httpPort = 0;
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(split(serverOpts));
            if (a.flag("server-jfr")) {
                cmd.add("-XX:StartFlightRecording=filename=" + out.resolve(t + ".jfr").toAbsolutePath()
                        + ",settings=profile,dumponexit=true");
            }
            // "-unbatched": one packet per system call each way (the relay's parley.relay.quic.batch-io=false);
            // "relay-immediate": the relay without its coalescing window (parley.relay.egress.coalesce-window=0ms)
            boolean unbatched = t.endsWith("-unbatched");
            boolean immediate = t.equals("relay-immediate");
            // "relay-loopsN": the relay with N event loops (parley.relay.quic.event-loops=N)
            String loops = t.matches("relay-loops\\d+") ? t.substring("relay-loops".length()) : null;
            boolean cluster = t.equals("relay-cluster");
            switch (unbatched ? t.substring(0, t.length() - "-unbatched".length())
                    : immediate || loops != null || cluster ? "relay" : t) {
                case "bare" -> {
                    cmd.addAll(List.of("-cp", ownJar, BareForwarder.class.getName(), "--port", "" + port,
                            "--cert", cert.toString(), "--key", key.toString(), "--flush", a.str("bare-flush", "read")));
                    if (a.flag("consolidate")) {
                        cmd.add("--consolidate");
                    }
                    if (!unbatched) {
                        cmd.add("--batch-io");
                    }
                }
                case "relay" -> {
                    httpPort = freePort();
                    cmd.addAll(List.of("-jar", a.required("relay-jar"),
                            "--parley.relay.port=" + port,
                            "--parley.relay.bind-address=127.0.0.1",
                            "--parley.relay.tls.certificate=" + cert.toAbsolutePath(),
                            "--parley.relay.tls.private-key=" + key.toAbsolutePath(),
                            "--server.port=" + httpPort));
                    if (unbatched) {
                        cmd.add("--parley.relay.quic.batch-io=false");
                    }
                    if (loops != null) {
                        cmd.add("--parley.relay.quic.event-loops=" + loops);
                    }
                    if (immediate) {
                        cmd.add("--parley.relay.egress.coalesce-window=0ms");
                    }
                    if (cluster) {
                        // advertised as its bind address, 127.0.0.1; every room stays here (it is the only relay)
                        cmd.add("--parley.relay.cluster.redis=" + redis.url());
                    }
                    cmd.addAll(split(a.str("relay-args", "")));
                }
                default -> throw new IllegalArgumentException("unknown target " + t
                        + " (bare, relay, bare-unbatched, relay-unbatched, relay-immediate, relay-loopsN, relay-cluster)");
            }
            // --pin "TARGET=CPUS,...,load=CPUS": each server, and the generator (this JVM), on its own cores (taskset)
            String cpus = pins(a).get(t);
            if (cpus != null) {
                cmd.addAll(0, List.of("taskset", "-c", cpus));
            }
            Path log = out.resolve(t + ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Server s = new Server(t, p, port, httpPort, log);
            servers.add(s);
            byName.put(t, s);
            System.out.println("started " + t + " pid " + p.pid() + " on UDP " + port + ": " + String.join(" ", cmd));
        }
        if (pins(a).containsKey("load")) {
            new ProcessBuilder("taskset", "-a", "-p", "-c", pins(a).get("load"), "" + ProcessHandle.current().pid())
                    .redirectErrorStream(true).redirectOutput(out.resolve("taskset.log").toFile()).start().waitFor();
        }
        for (Server s : servers) {
            awaitReady(s, pin, threads);
        }

        String loadAtStart = loadAverage();
        System.out.println("load average at start: " + loadAtStart);
        long[] baseline = LoadGenerator.measureBaseline(threads, 10);
        System.out.printf(Locale.ROOT, "loopback baseline (one hop into an in-process QUIC sink, 20 members at 50/s): "
                + "p50 %d us, p99 %d us; subtracting p50 %d us from every percentile%n", baseline[0], baseline[1], baseline[0]);

        Path csv = out.resolve("runs.csv");
        boolean video = LoadGenerator.videoTraffic(a).on();
        Files.writeString(csv, "rep," + LoadResult.csvHeader(video) + "\n");
        // throwaway warm-up run per target (JIT in both JVMs), at the first step
        for (Server s : servers) {
            LoadResult w = LoadGenerator.run(config(s, pin, steps[0] / roomSize, roomSize, Math.min(seconds, 10), warmup,
                    threads, baseline[0], a));
            System.out.println("warm-up " + w.row());
        }

        System.out.println(LoadResult.header(video));
        Map<String, List<LoadResult>> medians = new LinkedHashMap<>();
        Map<Integer, Map<String, List<LoadResult>>> runsByStep = new LinkedHashMap<>();
        Map<String, Boolean> stillGoing = new LinkedHashMap<>();
        targets.forEach(t -> stillGoing.put(t, true));
        for (int members : steps) {
            int rooms = Math.max(1, members / roomSize);
            Map<String, List<LoadResult>> runs = new LinkedHashMap<>();
            for (int rep = 0; rep < reps; rep++) {
                List<Server> order = new ArrayList<>(servers);
                if (rep % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Server s : order) {
                    if (!stillGoing.get(s.name())) {
                        continue;
                    }
                    if (!s.process().isAlive()) {
                        System.out.println(s.name() + " has exited; see " + s.log());
                        stillGoing.put(s.name(), false);
                        continue;
                    }
                    awaitQuiet(a.number("quiet-below", 60), a.number("quiet-wait", 30));
                    DropsInWindow drops = new DropsInWindow(s);
                    LoadResult r = LoadGenerator.run(config(s, pin, rooms, roomSize, seconds, warmup, threads, baseline[0], a),
                            drops);
                    System.out.println(r.row());
                    Files.writeString(csv, rep + "," + r.csv() + "\n", StandardOpenOption.APPEND);
                    if (!drops.text().isEmpty()) {
                        System.out.println("       " + s.name() + " dropped in the window: " + drops.text());
                    }
                    runs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(r);
                }
            }
            runsByStep.put(members, runs);
            for (var e : runs.entrySet()) {
                LoadResult m = median(e.getValue());
                medians.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(m);
                if (!m.sustained() && !a.flag("keep-going")) {
                    stillGoing.put(e.getKey(), false);
                }
            }
        }

        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "%nload average (1, 5, 15 min) at start: %s; at end: %s%n",
                loadAtStart, loadAverage()));
        summary.append(String.format(Locale.ROOT, "%nmedians of %d runs per step (window %.0f s after %.0f s warm-up; "
                + "added latency = measured - %d us one-hop baseline p50)%n", reps, seconds, warmup, baseline[0]));
        summary.append(LoadResult.header(video)).append('\n');
        medians.values().forEach(list -> list.forEach(r -> summary.append(r.row()).append('\n')));
        Map<String, LoadResult> best = new LinkedHashMap<>();
        for (var e : medians.entrySet()) {
            e.getValue().stream().filter(LoadResult::sustained).reduce((x, y) -> y).ifPresent(r -> best.put(e.getKey(), r));
        }
        summary.append('\n');
        for (String t : targets) {
            LoadResult b = best.get(t);
            summary.append(b == null ? t + ": no step sustained\n"
                    : String.format(Locale.ROOT, "%s: largest sustained load %d members (%d rooms of %d), %.0f delivered/s, "
                            + "%.2f us CPU per delivered packet, p99 added %.0f us%s%n", t, b.members(), b.rooms(),
                    b.membersPerRoom(), b.deliveredPerSecond(), b.serverMicrosPerDelivered(), b.addedP99(),
                    b.video() == null ? "" : String.format(Locale.ROOT, "; video %d kbit/s per member: "
                            + "%.0f video datagrams/s sent, video loss %.3f %%, video p99 added %.0f us, "
                            + "audio p99 added %.0f us, %.1f Mbit/s delivered", b.video().bitrate() / 1000,
                            b.video().sentInWindow() / b.windowSeconds(), b.videoLossPercent(), b.videoAddedP99(),
                            b.audioAddedP99(), b.deliveredMbitPerSecond())));
        }
        if (best.containsKey("relay") && best.containsKey("bare")) {
            LoadResult r = best.get("relay");
            LoadResult c = best.get("bare");
            summary.append(String.format(Locale.ROOT, "relay/ceiling: %.2f of the members, %.2f of the delivered packets/s%n",
                    (double) r.members() / c.members(), r.deliveredPerSecond() / c.deliveredPerSecond()));
        }
        if (medians.containsKey("relay") && medians.containsKey("bare")) {
            summary.append("CPU per delivered packet, relay / ceiling, at equal steps:");
            for (LoadResult r : medians.get("relay")) {
                medians.get("bare").stream().filter(c -> c.members() == r.members()).findFirst().ifPresent(c ->
                        summary.append(String.format(Locale.ROOT, " %d: %.2f/%.2f us (x%.2f);", r.members(),
                                r.serverMicrosPerDelivered(), c.serverMicrosPerDelivered(),
                                r.serverMicrosPerDelivered() / c.serverMicrosPerDelivered())));
            }
            summary.append('\n');
        }
        // every other target against the first one named, step by step: same-run ratios
        String first = targets.get(0);
        for (String t : targets.subList(1, targets.size())) {
            if (!medians.containsKey(first) || !medians.containsKey(t)) {
                continue;
            }
            summary.append(String.format(Locale.ROOT, "%s / %s at equal steps (CPU us per delivered packet; delivered/s):",
                    t, first));
            for (LoadResult r : medians.get(t)) {
                medians.get(first).stream().filter(c -> c.members() == r.members()).findFirst().ifPresent(c ->
                        summary.append(String.format(Locale.ROOT, " %d: %.2f/%.2f us (x%.3f), %.0f/%.0f (x%.3f);",
                                r.members(), r.serverMicrosPerDelivered(), c.serverMicrosPerDelivered(),
                                r.serverMicrosPerDelivered() / c.serverMicrosPerDelivered(), r.deliveredPerSecond(),
                                c.deliveredPerSecond(), r.deliveredPerSecond() / c.deliveredPerSecond())));
            }
            summary.append('\n').append(String.format(Locale.ROOT,
                    "  paired: median over repetitions of (%s us/pkt / %s us/pkt of the same repetition):", t, first));
            for (var step : runsByStep.entrySet()) {
                List<LoadResult> mine = step.getValue().getOrDefault(t, List.of());
                List<LoadResult> base = step.getValue().getOrDefault(first, List.of());
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < Math.min(mine.size(), base.size()); i++) {
                    ratios.add(mine.get(i).serverMicrosPerDelivered() / base.get(i).serverMicrosPerDelivered());
                }
                if (!ratios.isEmpty()) {
                    summary.append(String.format(Locale.ROOT, " %d: x%.3f %s;", step.getKey(),
                            medianOf(ratios),
                            ratios.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList()));
                }
            }
            summary.append('\n');
        }
        System.out.print(summary);
        Files.writeString(out.resolve("summary.txt"), summary.toString());
        System.out.println("runs: " + csv.toAbsolutePath());
        servers.forEach(LoadDriver::stop);
        System.exit(0);
    }

    /** The first three fields of /proc/loadavg. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * A relay's datagrams dropped during the measurement window, by reason (its
     * parley.relay.datagrams.dropped counters read from its actuator at the window's edges; the read
     * is a few milliseconds of the relay's CPU). Nothing for the bare forwarder.
     */
    private static final class DropsInWindow implements LoadGenerator.WindowListener {
        private final Server server;
        private Map<String, Long> atStart = Map.of();
        private String text = "";

        DropsInWindow(Server server) {
            this.server = server;
        }

        @Override
        public void started() {
            atStart = relayDrops(server);
        }

        @Override
        public void ended() {
            StringBuilder out = new StringBuilder();
            relayDrops(server).forEach((reason, n) -> {
                long d = n - atStart.getOrDefault(reason, 0L);
                if (d > 0) {
                    out.append(reason).append('=').append(d).append(' ');
                }
            });
            text = out.toString().trim();
        }

        /** "reason=count ..." of the reasons with drops, or empty. */
        String text() {
            return text;
        }
    }

    /** The relay's parley.relay.datagrams.dropped counters by reason; empty for the bare forwarder or on no answer. */
    private static Map<String, Long> relayDrops(Server s) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (s.httpPort() == 0) {
            return out;
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + s.httpPort() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = DROPPED.matcher(r.body());
            while (m.find()) {
                out.put(m.group(1), (long) Double.parseDouble(m.group(2)));
            }
        } catch (IOException | RuntimeException e) {
            // no figures: the row is still right, only the attribution of its losses is missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static final Pattern DROPPED = Pattern.compile(
            "(?m)^parley_relay_datagrams_dropped_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*} (\\S+)$");

    /**
     * The machine is shared: before a run, wait (up to {@code maxWaitSeconds}) until everything else
     * uses less than {@code belowPercent} of one core, sampled over one second while our own
     * processes are idle. Runs anyway after the wait; the row's other% shows what it ran against.
     */
    private static void awaitQuiet(double belowPercent, double maxWaitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxWaitSeconds * 1e9);
        while (true) {
            long[] m0 = ProcCpu.machineTicks();
            Thread.sleep(1000);
            long[] m1 = ProcCpu.machineTicks();
            double busy = 100.0 * (m1[0] - m0[0]) / ProcCpu.CLOCK_TICKS_PER_SECOND;
            if (busy < belowPercent || System.nanoTime() > deadline) {
                return;
            }
        }
    }

    private static LoadGenerator.Config config(Server s, String pin, int rooms, int members, double seconds, double warmup,
                                               int threads, long baseline, Args a) {
        return new LoadGenerator.Config(s.name(), new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port()), pin,
                rooms, members, seconds, warmup, a.integer("rate", 50), a.integer("size", 120), threads,
                a.integer("tick-us", 1000), s.pid(), a.str("token", ""), a.integer("connect-concurrency", 32), baseline,
                a.number("grace", 1), a.integer("members-per-socket", 1), LoadGenerator.videoTraffic(a));
    }

    private static Map<String, String> pins(Args a) {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String p : a.str("pin", "").split(",(?=[a-z])")) {
            if (!p.isBlank()) {
                pins.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
            }
        }
        return pins;
    }

    /** Each metric's median over the runs (so the row may combine different runs). */
    static LoadResult median(List<LoadResult> rs) {
        LoadResult f = rs.get(0);
        return new LoadResult(f.label(), f.rooms(), f.membersPerRoom(), f.windowSeconds(),
                (long) med(rs, LoadResult::sentInWindow), (long) med(rs, LoadResult::expectedDeliveries),
                (long) med(rs, LoadResult::delivered), (long) med(rs, LoadResult::p50), (long) med(rs, LoadResult::p90),
                (long) med(rs, LoadResult::p99), (long) med(rs, LoadResult::p999), (long) med(rs, LoadResult::max),
                f.baselineMicros(), med(rs, LoadResult::serverCpuSeconds), med(rs, LoadResult::loadCpuSeconds),
                med(rs, LoadResult::machineBusySeconds), med(rs, LoadResult::machineStealSeconds),
                (long) med(rs, LoadResult::sendLateP99), (long) med(rs, LoadResult::wrongRoom),
                (long) med(rs, LoadResult::malformed), (int) med(rs, LoadResult::connectFailures),
                (long) med(rs, LoadResult::serverSocketDrops), (long) med(rs, LoadResult::clientSocketDrops),
                med(rs, LoadResult::serverWaitSeconds), med(rs, LoadResult::loadWaitSeconds),
                (long) med(rs, LoadResult::clientQuicPacketsSent), (long) med(rs, LoadResult::clientQuicPacketsReceived),
                f.video() == null ? null : new LoadResult.Video(f.video().bitrate(),
                        (long) med(rs, r -> r.video().sentInWindow()), (long) med(rs, r -> r.video().expected()),
                        (long) med(rs, r -> r.video().delivered()), (long) med(rs, r -> r.video().deliveredBytes()),
                        (long) med(rs, r -> r.video().p50()), (long) med(rs, r -> r.video().p99()),
                        (long) med(rs, r -> r.video().audioP50()), (long) med(rs, r -> r.video().audioP99())));
    }

    private static double med(List<LoadResult> rs, ToDoubleFunction<LoadResult> f) {
        return medianOf(rs.stream().map(f::applyAsDouble).toList());
    }

    private static double medianOf(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Polls with one joining member until the server answers a JoinRoom, for up to 120 s. */
    private static void awaitReady(Server s, String pin, int threads) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("probe", true),
                EpollIoHandler.newFactory());
        try {
            while (true) {
                if (!s.process().isAlive()) {
                    throw new IllegalStateException(s.name() + " exited with " + s.process().exitValue() + "; see " + s.log()
                            + ":\n" + tail(s.log()));
                }
                LoopState loop = new LoopState((EventLoop) group.next(), 20_000_000L, 120);
                LoadMember m = new LoadMember(0, 1, loop, 0, 120, "");
                try {
                    m.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port()),
                            QuicTls.client(Optional.of(pin)), QuicTransport.Settings.client()).get(3, TimeUnit.SECONDS);
                    m.close().get(3, TimeUnit.SECONDS);
                    System.out.println(s.name() + " is ready");
                    return;
                } catch (Exception e) {
                    m.close();
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(s.name() + " did not answer a JoinRoom within 120 s: " + e
                                + "; see " + s.log() + ":\n" + tail(s.log()));
                    }
                    Thread.sleep(500);
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream().collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "";
        }
    }

    private static void stop(Server s) {
        Process p = s.process();
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
