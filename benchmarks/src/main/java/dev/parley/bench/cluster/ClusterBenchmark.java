package dev.parley.bench.cluster;

import dev.parley.bench.call.Args;
import dev.parley.bench.call.Stats;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Issue 11's cluster figures, with the real client engine against three real relay processes and a
 * real redis-server on loopback: the extra time of a join that is redirected ({@link JoinRuns}),
 * and how long a call is silent when its relay shuts down or dies ({@link FailoverRuns}).
 *
 * <p>The benchmark's JVM must resolve {@code --name} to 127.0.0.2, 127.0.0.3 and 127.0.0.4, in
 * that order: run it with {@code -Djdk.net.hosts.file=benchmarks/cluster-hosts} (or
 * {@code benchmarks/run-cluster.sh}, which does).
 */
public final class ClusterBenchmark {
    static final String USAGE = """
            usage: java -Djdk.net.hosts.file=benchmarks/cluster-hosts -cp benchmarks/target/parley-benchmarks.jar \\
                     dev.parley.bench.cluster.ClusterBenchmark [--parts joins,failover] [--joins 20] [--join-warmup 3]
                     [--failovers 5] [--kinds graceful,crash] [--name relays.bench.test] [--relay-jar relay-app/target/parley-relay-*-exec.jar]
                     [--relay-jvm-opts "-Xms64m -Xmx256m"] [--relay-args "name=value ..."] [--out benchmarks/target/cluster]
            Run from the repository root after building (see benchmarks/README.md, relay cluster).""";

    private ClusterBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("parts", "joins", "join-warmup", "failovers", "kinds", "name", "relay-jar",
                "relay-jvm-opts", "relay-args", "out"), Set.of(), USAGE);
        List<String> parts = Arrays.asList(args.string("parts", "joins,failover").split(","));
        String name = args.string("name", "relays.bench.test");
        List<String> resolved;
        try {
            resolved = Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            resolved = List.of();
        }
        if (!resolved.equals(RelayTrio.HOSTS)) {
            System.err.println(name + " resolves to " + resolved + ", not " + RelayTrio.HOSTS
                    + ": run with -Djdk.net.hosts.file=benchmarks/cluster-hosts\n" + USAGE);
            System.exit(2);
        }
        Path relayJar = args.path("relay-jar", Path.of("relay-app/target"), "parley-relay-*-exec.jar");
        Path out = Path.of(args.string("out", "benchmarks/target/cluster")).toAbsolutePath();
        Files.createDirectories(out);
        List<String> jvm = split(args.string("relay-jvm-opts", "-Xms64m -Xmx256m"));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : split(args.string("relay-args", ""))) {
            String kv = s.replaceFirst("^--", "");
            settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }

        StringBuilder summary = new StringBuilder();
        summary.append("load average at start: ").append(loadAverage()).append('\n');
        try (RedisProcess redis = RedisProcess.start(out.resolve("redis.log"));
             RelayTrio relays = RelayTrio.start(relayJar, out, jvm, redis, settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                relays.close();
                redis.close();
            }));
            System.out.println("three relays on " + RelayTrio.HOSTS + " UDP " + relays.port() + ", directory "
                    + redis.url() + ", relay " + relayJar + " " + settings + "; load average " + loadAverage());
            if (parts.contains("joins")) {
                List<JoinRuns.Join> joins = new JoinRuns(relays).run(args.integer("join-warmup", 3),
                        args.integer("joins", 20));
                writeJoins(out.resolve("joins.csv"), joins);
                summary.append(joinSummary(joins)).append("load average after the joins: ").append(loadAverage())
                        .append('\n');
            }
            if (parts.contains("failover")) {
                FailoverRuns failovers = new FailoverRuns(relays, name);
                List<String> kinds = Arrays.asList(args.string("kinds", "graceful,crash").split(","));
                List<FailoverRuns.Trial> trials = new ArrayList<>();
                int n = args.integer("failovers", 5);
                for (int i = 1; i <= n; i++) {
                    // alternate, and alternate which kind goes first
                    for (boolean crash : i % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                        if (kinds.contains(crash ? "crash" : "graceful")) {
                            trials.add(failovers.once(i, crash));
                        }
                    }
                }
                writeFailovers(out.resolve("failovers.csv"), trials);
                summary.append(failoverSummary(trials)).append("load average after the failovers: ")
                        .append(loadAverage()).append('\n');
            }
        }
        System.out.print("\n" + summary);
        Files.writeString(out.resolve("summary.txt"), summary.toString());
        System.exit(0);
    }

    private static String joinSummary(List<JoinRuns.Join> all) {
        // pairs whose either join went elsewhere than planned are left out whole
        List<JoinRuns.Join> joins = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i += 2) {
            if (all.get(i).asPlanned() && all.get(i + 1).asPlanned()) {
                joins.add(all.get(i));
                joins.add(all.get(i + 1));
            }
        }
        List<Double> direct = pick(joins, j -> !j.redirected(), JoinRuns.Join::toJoinedMs);
        List<Double> redirected = pick(joins, JoinRuns.Join::redirected, JoinRuns.Join::toJoinedMs);
        List<Double> directPresent = pick(joins, j -> !j.redirected(), JoinRuns.Join::toPresentMs);
        List<Double> redirectedPresent = pick(joins, JoinRuns.Join::redirected, JoinRuns.Join::toPresentMs);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "joins (%d of each kind, alternating; %d pair(s) left out), "
                + "ms from CallSession.start:%n", direct.size(), (all.size() - joins.size()) / 2));
        s.append(String.format(Locale.ROOT, "  to joined (PeerList): direct median %.1f (min %.1f, max %.1f), "
                        + "redirected median %.1f (min %.1f, max %.1f): a redirect adds %.1f ms (difference of medians), "
                        + "paired median %.1f ms, ratio x%.2f%n", Stats.median(direct), Stats.min(direct), Stats.max(direct),
                Stats.median(redirected), Stats.min(redirected), Stats.max(redirected),
                Stats.median(redirected) - Stats.median(direct), Stats.median(paired(joins, JoinRuns.Join::toJoinedMs)),
                Stats.median(redirected) / Stats.median(direct)));
        s.append(String.format(Locale.ROOT, "  to the other member present: direct median %.1f, redirected median %.1f: "
                        + "+%.1f ms (paired median %.1f)%n", Stats.median(directPresent), Stats.median(redirectedPresent),
                Stats.median(redirectedPresent) - Stats.median(directPresent),
                Stats.median(paired(joins, JoinRuns.Join::toPresentMs))));
        return s.toString();
    }

    /** Redirected minus direct within each pair of consecutive joins. */
    private static List<Double> paired(List<JoinRuns.Join> joins, ToDoubleFunction<JoinRuns.Join> f) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i + 1 < joins.size(); i += 2) {
            JoinRuns.Join a = joins.get(i);
            JoinRuns.Join b = joins.get(i + 1);
            out.add(a.redirected() ? f.applyAsDouble(a) - f.applyAsDouble(b) : f.applyAsDouble(b) - f.applyAsDouble(a));
        }
        return out;
    }

    private static String failoverSummary(List<FailoverRuns.Trial> trials) {
        StringBuilder s = new StringBuilder("failovers, ms from the signal (SIGTERM / SIGKILL of the room's relay):\n");
        for (boolean crash : new boolean[] {false, true}) {
            Predicate<FailoverRuns.Trial> kind = t -> t.crash() == crash;
            List<Double> audio = pickTrials(trials, kind, FailoverRuns.Trial::toAudioMs);
            s.append(String.format(Locale.ROOT, "  %-8s to audio again: median %.0f %s; heard gap median %.0f; "
                            + "listener noticed median %.0f; rejoined: listener median %.0f, talker median %.0f%n",
                    crash ? "crash" : "graceful",
                    Stats.median(audio), audio.stream().map(v -> String.format(Locale.ROOT, "%.0f", v))
                            .collect(Collectors.joining(", ", "[", "]")),
                    Stats.median(pickTrials(trials, kind, FailoverRuns.Trial::gapMs)),
                    Stats.median(pickTrials(trials, kind, FailoverRuns.Trial::listenerNoticedMs)),
                    Stats.median(pickTrials(trials, kind, FailoverRuns.Trial::listenerRejoinMs)),
                    Stats.median(pickTrials(trials, kind, FailoverRuns.Trial::talkerRejoinMs))));
        }
        return s.toString();
    }

    private static List<Double> pick(List<JoinRuns.Join> joins, Predicate<JoinRuns.Join> which,
                                     ToDoubleFunction<JoinRuns.Join> f) {
        return joins.stream().filter(which).map(f::applyAsDouble).toList();
    }

    private static List<Double> pickTrials(List<FailoverRuns.Trial> trials, Predicate<FailoverRuns.Trial> which,
                                           ToDoubleFunction<FailoverRuns.Trial> f) {
        return trials.stream().filter(which).map(f::applyAsDouble).filter(v -> !v.isNaN()).toList();
    }

    private static void writeJoins(Path file, List<JoinRuns.Join> joins) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("pair,kind,to_joined_ms,to_present_ms,relay,redirects,as_planned");
            for (JoinRuns.Join j : joins) {
                w.printf(Locale.ROOT, "%d,%s,%.3f,%.3f,%s,%d,%b%n", j.index() + 1, j.redirected() ? "redirected" : "direct",
                        j.toJoinedMs(), j.toPresentMs(), j.relay(), j.redirects(), j.asPlanned());
            }
        }
    }

    private static void writeFailovers(Path file, List<FailoverRuns.Trial> trials) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("trial,kind,relay,new_relay,to_audio_ms,gap_ms,listener_noticed_ms,listener_rejoin_ms,talker_rejoin_ms");
            for (FailoverRuns.Trial t : trials) {
                w.printf(Locale.ROOT, "%d,%s,%s,%s,%.1f,%.1f,%.1f,%.1f,%.1f%n", t.index(), t.crash() ? "crash" : "graceful",
                        t.relay(), t.newRelay(), t.toAudioMs(), t.gapMs(), t.listenerNoticedMs(), t.listenerRejoinMs(),
                        t.talkerRejoinMs());
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
