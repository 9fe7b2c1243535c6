package dev.parley.bench.load;

import dev.parley.common.quic.QuicTls;
import dev.parley.common.quic.QuicTransport;
import dev.parley.common.quic.TlsMaterial;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives R rooms x M members of voice-call load through a relay (or the {@link BareForwarder}):
 * every member is a real QUIC connection that joins its room and sends {@code rate} datagrams/s of
 * {@code size} bytes, paced evenly (members staggered across the period, a room's members spread
 * over it). Every receiver records (now - send timestamp embedded by the sender): sender and
 * receivers are in this JVM, so it is one clock. A run: connect and join everyone, send for
 * {@code warmup} seconds, then count exactly the packets whose send timestamp falls in the
 * {@code seconds}-long window, wait a grace second for stragglers, and report delivered vs
 * expected ((M-1) deliveries per sent packet), latency percentiles, and the CPU time the server
 * process (by pid, from /proc) used during the window.
 *
 * <p>With {@code --video-bitrate B} (bit/s, 0 = off) every member also sends one video stream:
 * {@code --video-fps} (15) frames a second of B/8/fps bytes, a keyframe of 6 times that every 10 s
 * (staggered over the members), each frame sent as one burst of chunk datagrams of at most 1,100
 * bytes ({@link VideoTraffic}). Video datagrams count in the totals and are reported apart too.
 *
 * <p>{@code java -cp parley-benchmarks.jar dev.parley.bench.load.LoadGenerator --target 127.0.0.1:4433
 * --pin HEX --rooms 20 --members 10 --seconds 20 [--warmup 5] [--server-pid PID] [--threads 2]
 * [--baseline-us N | --measure-baseline] [--video-bitrate B [--video-fps 15]
 * [--video-keyframes staggered|together]]}
 */
public final class LoadGenerator {

    /**
     * One run's parameters.
     *
     * @param serverPid the relay's (or forwarder's) process id for its CPU time; 0 if unknown
     * @param baselineMicros subtracted from the latency percentiles to give the added latency
     * @param video every member's video stream besides its audio, or {@link VideoTraffic#OFF}
     */
    record Config(String label, InetSocketAddress target, String pin, int rooms, int members, double seconds,
                  double warmup, int rate, int size, int threads, int tickMicros, long serverPid, String token,
                  int connectConcurrency, double baselineMicros, double graceSeconds, int membersPerSocket,
                  VideoTraffic video) {
        Config withLabel(String l) {
            return new Config(l, target, pin, rooms, members, seconds, warmup, rate, size, threads, tickMicros,
                    serverPid, token, connectConcurrency, baselineMicros, graceSeconds, membersPerSocket, video);
        }
    }

    /** Called at the edges of the measurement window (from the main thread). */
    interface WindowListener {
        void started() throws Exception;

        void ended() throws Exception;
    }

    private LoadGenerator() {
    }

    static LoadResult run(Config c) throws Exception {
        return run(c, null);
    }

    static LoadResult run(Config c, WindowListener listener) throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(c.threads(),
                new DefaultThreadFactory("load", true), EpollIoHandler.newFactory());
        List<LoadMember> all = new ArrayList<>();
        List<io.netty.channel.Channel> sockets = new ArrayList<>();
        try {
            QuicSslContext tls = QuicTls.client(Optional.of(c.pin()));
            QuicTransport.Settings settings = QuicTransport.Settings.client();
            long period = 1_000_000_000L / c.rate();
            List<LoopState> loops = new ArrayList<>();
            for (EventExecutor e : group) {
                loops.add(new LoopState((EventLoop) e, period, c.size(), c.video()));
            }
            int total = c.rooms() * c.members();
            SecureRandom random = new SecureRandom();
            long[] roomIds = new long[c.rooms()];
            for (int r = 0; r < c.rooms(); r++) {
                roomIds[r] = random.nextLong() & Long.MAX_VALUE;
            }
            for (int r = 0; r < c.rooms(); r++) {
                for (int j = 0; j < c.members(); j++) {
                    int index = r * c.members() + j;
                    // phase order j * rooms + r: sends spread evenly over the period, and each room's
                    // members spread over it too
                    int position = j * c.rooms() + r;
                    long phase = (long) position * period / total;
                    // the same order for video frames over the frame period, and keyframes over their interval
                    long videoPhase = (long) position * c.video().framePeriodNanos() / total;
                    int keyframeOffset = c.video().keyframeOffset(position, total, r, c.rooms());
                    // members sharing a socket must share its loop
                    LoopState loop = loops.get((index / c.membersPerSocket()) % loops.size());
                    LoadMember m = new LoadMember(index, roomIds[r], loop, phase, c.size(), c.token(),
                            c.video().on(), videoPhase, keyframeOffset);
                    all.add(m);
                }
            }
            int failures = connectAll(all, c, tls, settings, sockets);
            for (LoadMember m : all) {
                if (m.joined.isDone() && !m.joined.isCompletedExceptionally()) {
                    LoopState s = m.state;
                    s.loop.submit(() -> s.members.add(m)).get();
                }
            }
            Thread.sleep(200);

            long start = System.nanoTime() + 50_000_000L;
            long ws = start + (long) (c.warmup() * 1e9);
            long we = ws + (long) (c.seconds() * 1e9);
            for (LoopState s : loops) {
                s.start(start, ws, we, c.tickMicros());
            }
            boolean local = c.target().getAddress().isLoopbackAddress();
            Set<Integer> serverPorts = Set.of(c.target().getPort());
            Set<Integer> clientPorts = new HashSet<>();
            for (LoadMember m : all) {
                clientPorts.add(m.localPort());
            }
            sleepUntil(ws);
            long[] quic0 = quicStats(all);
            long serverDrops0 = local ? ProcUdp.drops(serverPorts) : -1;
            long clientDrops0 = ProcUdp.drops(clientPorts);
            long self = ProcessHandle.current().pid();
            long server0 = c.serverPid() > 0 ? ProcCpu.processTicks(c.serverPid()) : -1;
            long serverWait0 = c.serverPid() > 0 ? ProcCpu.runQueueWaitNanos(c.serverPid()) : -1;
            long loadWait0 = ProcCpu.runQueueWaitNanos(self);
            long load0 = ProcCpu.processTicks(self);
            long[] mach0 = ProcCpu.machineTicks();
            if (listener != null) {
                listener.started();
            }
            sleepUntil(we);
            long server1 = c.serverPid() > 0 ? ProcCpu.processTicks(c.serverPid()) : -1;
            long serverWait1 = c.serverPid() > 0 ? ProcCpu.runQueueWaitNanos(c.serverPid()) : -1;
            long loadWait1 = ProcCpu.runQueueWaitNanos(self);
            long load1 = ProcCpu.processTicks(self);
            long[] mach1 = ProcCpu.machineTicks();
            if (listener != null) {
                listener.ended();
            }
            long[] quic1 = quicStats(all);
            // drops of the window's packets can still happen during the grace period: read after it
            long serverDrops1 = -1;
            long clientDrops1 = -1;
            Thread.sleep((long) (c.graceSeconds() * 1000));
            for (LoopState s : loops) {
                s.stop();
            }
            serverDrops1 = local ? ProcUdp.drops(serverPorts) : -1;
            clientDrops1 = ProcUdp.drops(clientPorts);
            long sent = 0, delivered = 0, wrong = 0, malformed = 0, videoSent = 0, videoDelivered = 0, bytes = 0;
            LatencyHistogram audioLatency = new LatencyHistogram();
            LatencyHistogram videoLatency = new LatencyHistogram();
            LatencyHistogram late = new LatencyHistogram();
            for (LoopState s : loops) {
                LoopState.Snapshot snap = s.loop.submit(s::snapshot).get();
                sent += snap.sentInWindow();
                delivered += snap.deliveredInWindow();
                videoSent += snap.videoSentInWindow();
                videoDelivered += snap.videoDeliveredInWindow();
                bytes += snap.deliveredBytesInWindow();
                wrong += snap.wrongRoom();
                malformed += snap.malformed();
                audioLatency.add(snap.audioLatency());
                videoLatency.add(snap.videoLatency());
                late.add(snap.sendLateness());
            }
            LatencyHistogram latency = audioLatency.copy();
            latency.add(videoLatency);
            LoadResult.Video video = c.video().on()
                    ? new LoadResult.Video(c.video().bitrate(), videoSent, videoSent * (c.members() - 1),
                            videoDelivered, bytes, videoLatency.percentileMicros(0.50),
                            videoLatency.percentileMicros(0.99), audioLatency.percentileMicros(0.50),
                            audioLatency.percentileMicros(0.99))
                    : null;
            double tick = ProcCpu.CLOCK_TICKS_PER_SECOND;
            double serverCpu = server0 >= 0 && server1 >= 0 ? (server1 - server0) / tick : -1;
            return new LoadResult(c.label(), c.rooms(), c.members(), c.seconds(), sent,
                    sent * (c.members() - 1), delivered,
                    latency.percentileMicros(0.50), latency.percentileMicros(0.90), latency.percentileMicros(0.99),
                    latency.percentileMicros(0.999), latency.maxMicros(), c.baselineMicros(),
                    serverCpu, (load1 - load0) / tick, (mach1[0] - mach0[0]) / tick, (mach1[2] - mach0[2]) / tick,
                    late.percentileMicros(0.99), wrong, malformed, failures,
                    serverDrops0 >= 0 && serverDrops1 >= 0 ? serverDrops1 - serverDrops0 : -1,
                    clientDrops0 >= 0 && clientDrops1 >= 0 ? clientDrops1 - clientDrops0 : -1,
                    serverWait0 >= 0 && serverWait1 >= 0 ? (serverWait1 - serverWait0) / 1e9 : -1,
                    loadWait0 >= 0 && loadWait1 >= 0 ? (loadWait1 - loadWait0) / 1e9 : -1,
                    quic1[0] - quic0[0], quic1[1] - quic0[1], video);
        } finally {
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (LoadMember m : all) {
                closing.add(m.close());
            }
            try {
                CompletableFuture.allOf(closing.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.err.println("some members did not close within 10 s");
            }
            for (io.netty.channel.Channel s : sockets) {
                s.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static int connectAll(List<LoadMember> all, Config c, QuicSslContext tls, QuicTransport.Settings settings,
                                  List<io.netty.channel.Channel> sockets) throws InterruptedException {
        Semaphore inFlight = new Semaphore(c.connectConcurrency());
        io.netty.channel.ChannelFuture shared = null;
        for (int i = 0; i < all.size(); i++) {
            LoadMember m = all.get(i);
            inFlight.acquire();
            CompletableFuture<LoadMember> f;
            if (c.membersPerSocket() <= 1) {
                f = m.connect(c.target(), tls, settings);
            } else {
                if (i % c.membersPerSocket() == 0) {
                    shared = LoadMember.bindSocket(m.state.loop, c.target(), tls, settings);
                    sockets.add(shared.channel());
                }
                f = m.connect(shared, c.target());
            }
            f.orTimeout(20, TimeUnit.SECONDS).whenComplete((x, e) -> inFlight.release());
        }
        int failures = 0;
        Throwable first = null;
        for (LoadMember m : all) {
            try {
                m.joined.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                failures++;
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            System.err.println(failures + " of " + all.size() + " members failed to join; first: " + first);
        }
        return failures;
    }

    /** Sums of quiche's {sent, received, lost} packet counters over all members' connections. */
    private static long[] quicStats(List<LoadMember> members) throws Exception {
        List<CompletableFuture<long[]>> fs = new ArrayList<>();
        for (LoadMember m : members) {
            fs.add(m.quicStats());
        }
        long[] sum = new long[3];
        for (CompletableFuture<long[]> f : fs) {
            long[] v = f.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                sum[i] += v[i];
            }
        }
        return sum;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }

    /**
     * The loopback baseline: one-hop latency (member -> an in-process QUIC endpoint that only reads
     * and timestamps) at light load, the same path minus the forwarder's second hop. A forwarder's
     * added latency is the two-hop latency minus this.
     *
     * @return {p50, p99} in µs
     */
    static long[] measureBaseline(int threads, double seconds) throws Exception {
        TlsMaterial tls = TlsMaterial.generateSelfSigned("localhost", Duration.ofDays(1));
        try (BareForwarder sink = BareForwarder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls,
                BareForwarder.Flush.READ, false, true)) {
            Config c = new Config("base", new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.port()),
                    tls.fingerprint(), 2, 10, seconds, 3, 50, 120, threads, 1000, 0, "", 16, 0, 0.5, 1, VideoTraffic.OFF);
            LatencyHistogram[] window = new LatencyHistogram[1];
            run(c, new WindowListener() {
                @Override
                public void started() throws Exception {
                    sink.resetSink();
                }

                @Override
                public void ended() throws Exception {
                    window[0] = (LatencyHistogram) sink.sinkSnapshot()[1];
                }
            });
            return new long[]{window[0].percentileMicros(0.5), window[0].percentileMicros(0.99)};
        }
    }

    /**
     * {@code --video-bitrate} (bit/s, 0 = no video), {@code --video-fps} (15) and
     * {@code --video-keyframes staggered|together} (staggered over all members, or a room's together).
     */
    static VideoTraffic videoTraffic(Args a) {
        String keyframes = a.str("video-keyframes", "staggered");
        if (!keyframes.equals("staggered") && !keyframes.equals("together")) {
            throw new IllegalArgumentException("--video-keyframes is staggered or together, not " + keyframes);
        }
        return new VideoTraffic(a.integer("video-bitrate", 0), a.integer("video-fps", 15), keyframes.equals("together"));
    }

    static InetSocketAddress parseTarget(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, List.of("measure-baseline"));
        int threads = a.integer("threads", 2);
        double baseline = a.number("baseline-us", 0);
        if (a.flag("measure-baseline")) {
            long[] b = measureBaseline(threads, a.number("seconds", 10));
            System.out.printf("baseline (one hop, in-process QUIC sink, 2x10 members at 50/s): p50 %d us, p99 %d us%n",
                    b[0], b[1]);
            baseline = b[0];
            if (!a.has("target")) {
                return;
            }
        }
        Config c = new Config(a.str("label", "load"), parseTarget(a.required("target")), a.required("pin"),
                a.integer("rooms", 20), a.integer("members", 10), a.number("seconds", 20), a.number("warmup", 5),
                a.integer("rate", 50), a.integer("size", 120), threads, a.integer("tick-us", 1000),
                a.integer("server-pid", 0), a.str("token", ""), a.integer("connect-concurrency", 32), baseline,
                a.number("grace", 1), a.integer("members-per-socket", 1), videoTraffic(a));
        LoadResult r = run(c);
        System.out.println(LoadResult.header(c.video().on()));
        System.out.println(r.row());
        System.out.println(LoadResult.csvHeader(c.video().on()));
        System.out.println(r.csv());
        System.exit(r.sustained() ? 0 : 3);
    }
}
