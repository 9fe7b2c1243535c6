package dev.parley.bench.wire;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.wire.ControlCodec;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The JMH comparison's companion for a loaded machine: the Jackson and the hand-written codec run in
 * alternating rounds on one thread, each round timed in thread CPU time (time spent descheduled does
 * not count) and its allocations read from the JVM. Prints per-operation medians over the rounds and
 * the median of the per-round ratios. Usage: {@code java -cp parley-benchmarks.jar
 * dev.parley.bench.wire.ControlCodecCpuRounds [rounds] [opsPerRound]}.
 */
public final class ControlCodecCpuRounds {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        System.out.println("| message | op | Jackson us/op | hand-written us/op | Jackson/hand (median of rounds) | Jackson B/op | hand-written B/op |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String message : List.of("PeerList10", "KeyDistribute10", "ReceiverReport")) {
            ControlCodecBenchmark b = new ControlCodecBenchmark();
            b.message = message;
            b.codec = "jackson";
            b.setUp();
            ControlMessage value = b.value();
            byte[] payload = ControlCodec.encode(value);
            compare(message, "encode", () -> ControlCodec.encode(value),
                    () -> dev.parley.bench.legacy.ControlCodec.encode(value), rounds, ops);
            compare(message, "decode", () -> ControlCodec.decode(payload),
                    () -> dev.parley.bench.legacy.ControlCodec.decode(payload), rounds, ops);
        }
    }

    private static void compare(String message, String op, Supplier<Object> jackson, Supplier<Object> hand,
                                int rounds, int ops) {
        for (int i = 0; i < 5; i++) { // warm-up
            round(jackson, ops);
            round(hand, ops);
        }
        List<double[]> j = new ArrayList<>();
        List<double[]> h = new ArrayList<>();
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] a;
            double[] c;
            if (r % 2 == 0) {
                a = round(jackson, ops);
                c = round(hand, ops);
            } else {
                c = round(hand, ops);
                a = round(jackson, ops);
            }
            j.add(a);
            h.add(c);
            ratios[r] = a[0] / c[0];
        }
        System.out.printf("| %s | %s | %.2f | %.2f | %.2fx | %.0f | %.0f |%n", message, op, median(j, 0), median(h, 0),
                median(ratios), median(j, 1), median(h, 1));
    }

    /** {ns of thread CPU per op, bytes allocated per op}. */
    private static double[] round(Supplier<Object> work, int ops) {
        long id = Thread.currentThread().getId();
        long bytes0 = THREADS.getThreadAllocatedBytes(id);
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            sink = work.get();
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long bytes = THREADS.getThreadAllocatedBytes(id) - bytes0;
        return new double[] {cpu / 1000.0 / ops, (double) bytes / ops};
    }

    private static double median(List<double[]> xs, int k) {
        return median(xs.stream().mapToDouble(x -> x[k]).toArray());
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
