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

    /** One living thread's CPU so far and the group it counts in. */
    record ThreadCpu(String group, long nanos) {
    }

    private ProcStat() {
    }

    /** Process CPU (all threads, living and finished) in nanoseconds. */
    static long processCpuNanos(long pid) throws IOException {
        return cpuOf(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** CPU of the living threads of a process, in nanoseconds, by thread id. */
    static Map<Long, ThreadCpu> threadCpu(long pid) throws IOException {
        Map<Long, ThreadCpu> byTid = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    name = name.replaceAll("[-#\\s]*\\d+$", "");
                    byTid.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, ticks(stat) * TICK_NANOS));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we listed them
                }
            }
        }
        return byTid;
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

    /** {@link #threadCpu} over a process and its living descendants (thread ids are unique machine-wide). */
    static Map<Long, ThreadCpu> treeThreadCpu(long pid) throws IOException {
        Map<Long, ThreadCpu> byTid = new HashMap<>();
        for (long p : tree(pid)) {
            try {
                byTid.putAll(threadCpu(p));
            } catch (IOException gone) {
                if (p == pid) {
                    throw gone;
                }
            }
        }
        return byTid;
    }

    /**
     * CPU time the whole machine spent busy (every core: user, nice, system, irq, softirq, steal from
     * the first line of {@code /proc/stat}), in nanoseconds: what the other users of a shared
     * machine took is this minus the processes measured.
     */
    static long machineBusyNanos() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long ticks = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            ticks += Long.parseLong(f[i]);
        }
        return ticks * TICK_NANOS;
    }

    private static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /**
     * CPU per thread group between two readings. Threads that appeared count from zero; threads that
     * ended in between are missing from {@code after} and left out (what they spent in the window is
     * lost, which the JVM's short-lived compiler threads make noticeable, but no group goes negative).
     */
    static Map<String, Long> delta(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((tid, t) -> {
            ThreadCpu b = before.get(tid);
            d.merge(t.group(), t.nanos() - (b == null ? 0 : b.nanos()), Long::sum);
        });
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
