package dev.parley.bench.call;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process and of its threads from {@code /proc} (Linux): utime + stime, in clock
 * ticks converted to nanoseconds. Threads are grouped by their name as the kernel keeps it (the
 * first 15 characters), with trailing digits removed so pools add up ("C2 CompilerThre").
 */
final class ProcStat {
    private static final long TICK_NANOS = 1_000_000_000L / clockTicksPerSecond();

    private ProcStat() {
    }

    /** Process CPU (all threads, living and finished) in nanoseconds. */
    static long processCpuNanos(long pid) throws IOException {
        return cpuOf(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** CPU of the living threads of a process, in nanoseconds, by thread group name. */
    static Map<String, Long> threadCpuNanos(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    name = name.replaceAll("[-#\\s]*\\d+$", "");
                    byName.merge(name, ticks(stat) * TICK_NANOS, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we listed them
                }
            }
        }
        return byName;
    }

    /**
     * CPU of a process and its living descendants: the client jar restarts itself in a tuned JVM,
     * and both the launcher waiting for it and the call's JVM are the client's cost.
     */
    static long treeCpuNanos(long pid) throws IOException {
        long sum = 0;
        for (long p : tree(pid)) {
            try {
                sum += processCpuNanos(p);
            } catch (IOException gone) {
                if (p == pid) {
                    throw gone;
                }
            }
        }
        return sum;
    }

    /** {@link #threadCpuNanos} over a process and its living descendants, names merged. */
    static Map<String, Long> treeThreadCpuNanos(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        for (long p : tree(pid)) {
            try {
                threadCpuNanos(p).forEach((name, nanos) -> byName.merge(name, nanos, Long::sum));
            } catch (IOException gone) {
                if (p == pid) {
                    throw gone;
                }
            }
        }
        return byName;
    }

    private static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** after - before per name (threads that appeared count from zero). */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new HashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }

    private static long cpuOf(Path stat) throws IOException {
        return ticks(Files.readString(stat)) * TICK_NANOS;
    }

    private static long ticks(String stat) {
        // fields after the command name: state(3) ppid ... utime(14) stime(15)
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
