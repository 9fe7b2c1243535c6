package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process and of the whole machine, from /proc (Linux). */
final class ProcCpu {
    /** USER_HZ: the unit of the times in /proc/PID/stat and /proc/stat. 100 on every Linux we run. */
    static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private ProcCpu() {
    }

    /** utime + stime of the process, in clock ticks, or -1 if it cannot be read. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may contain spaces: fields are counted after its ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14, stime field 15
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Time the process's threads spent runnable but waiting for a CPU (second field of
     * /proc/PID/task/TID/schedstat, summed over threads), in ns; -1 if unreadable. Threads that ended
     * since the last reading are missing, so compare readings of long-lived threads only.
     */
    static long runQueueWaitNanos(long pid) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            long sum = 0;
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String[] f = Files.readString(t.resolve("schedstat")).trim().split(" ");
                    sum += Long.parseLong(f[1]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Machine-wide {busy, total, steal} clock ticks over all cores from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[]{total - idle, total, steal};
        } catch (IOException | RuntimeException e) {
            return new long[]{-1, -1, -1};
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
