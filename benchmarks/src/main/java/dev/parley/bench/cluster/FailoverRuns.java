package dev.parley.bench.cluster;

import dev.parley.common.call.CallConfig;
import dev.parley.common.call.CallOptions;
import dev.parley.common.call.CallSession;
import dev.parley.common.crypto.IdentityKeyPair;
import dev.parley.common.crypto.RoomLinks;
import dev.parley.common.domain.RoomLink;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Part 2: how long a call is silent when its relay goes away. Two sessions join a fresh room
 * through the host name that stands for all three relays (so the room lands on the first address
 * that answers); the talker sends an endless siren ({@link SirenSource}), the listener's {@link LevelSink} records
 * every frame it plays. Once the listener has heard the siren steadily for a second, the room's
 * relay is shut down (SIGTERM: it sends Error 7, releases its rooms and deregisters) or killed
 * (SIGKILL: nothing), and the clients find their way back on their own, through the name. Then
 * both leave and the relay is started again for the next trial.
 *
 * <p>"To audio" is from the signal to the first loud frame the listener plays after it has joined
 * again (a frame after the new join can only come from the new connection: the old one's keys are
 * erased). "Gap" is from the first frame that was no longer loud to that frame: what a user hears
 * as silence.
 */
final class FailoverRuns {
    /** A frame at least this loud (of 32767) is the siren: its peak is 4900 to 8200, silence 0. */
    static final int LOUD = 2048;
    private static final Duration BACK_WITHIN = Duration.ofSeconds(60);

    /** One trial; NaN figures when the audio did not come back within a minute. */
    record Trial(int index, boolean crash, String relay, String newRelay, double toAudioMs, double gapMs,
                 double listenerNoticedMs, double listenerRejoinMs, double talkerRejoinMs) {
    }

    private final RelayTrio relays;
    private final String name;

    FailoverRuns(RelayTrio relays, String name) {
        this.relays = relays;
        this.name = name;
    }

    Trial once(int index, boolean crash) throws Exception {
        RoomLink room = RoomLinks.create(name, relays.port(), Optional.of(relays.pin()));
        LevelSink ear = new LevelSink();
        StampedEvents heard = new StampedEvents();
        StampedEvents said = new StampedEvents();
        CallSession listener = CallSession.start(config(room, "listener", null, ear), heard);
        CallSession talker = null;
        int victim = -1;
        Trial trial;
        try {
            listener.joined().get(30, TimeUnit.SECONDS);
            talker = CallSession.start(config(room, "talker", new SirenSource(), null), said);
            talker.joined().get(30, TimeUnit.SECONDS);
            if (!await(() -> ear.lastAllLoud(50, LOUD), Duration.ofSeconds(30))) {
                List<LevelSink.Frame> f = ear.frames();
                throw new IllegalStateException("the listener did not hear the tone steadily within 30 s: "
                        + f.size() + " frames played, " + f.stream().filter(x -> x.peak() >= LOUD).count()
                        + " loud, largest peak " + f.stream().mapToInt(LevelSink.Frame::peak).max().orElse(0)
                        + ", runs " + runs(f) + "; the talker dropped " + talker.counters().snapshot() + ", the listener " + listener.counters().snapshot());
            }
            String relay = heard.lastJoin().address();
            if (!relay.equals(said.lastJoin().address())) {
                throw new IllegalStateException("the two sessions are on different relays: " + relay + ", "
                        + said.lastJoin().address());
            }
            victim = RelayTrio.indexOf(relay);
            long signal = System.nanoTime();
            if (crash) {
                relays.kill(victim);
            } else {
                relays.terminate(victim);
            }
            await(() -> firstLoudAfterRejoin(ear, heard, signal) != null, BACK_WITHIN);
            trial = evaluate(index, crash, relay, signal, ear, heard, said);
            System.out.printf(Locale.ROOT, "failover %d %-8s relay %s -> %s: audio again after %7.1f ms "
                            + "(heard a gap of %7.1f ms); listener noticed %7.1f ms, rejoined: listener %7.1f ms, "
                            + "talker %7.1f ms; load %s%n",
                    index, crash ? "crash" : "graceful", relay, trial.newRelay(), trial.toAudioMs(), trial.gapMs(),
                    trial.listenerNoticedMs(), trial.listenerRejoinMs(), trial.talkerRejoinMs(), ClusterBenchmark.loadAverage());
        } finally {
            listener.leave();
            if (talker != null) {
                talker.leave();
                talker.ended().get(10, TimeUnit.SECONDS);
            }
            listener.ended().get(10, TimeUnit.SECONDS);
            if (victim >= 0) {
                if (!relays.awaitExit(victim, Duration.ofSeconds(60))) {
                    throw new IllegalStateException("relay " + RelayTrio.HOSTS.get(victim) + " did not exit within 60 s");
                }
                relays.start(victim);
            }
        }
        return trial;
    }

    /** The first loud frame played after the listener's first join since {@code signal}, or null. */
    private static LevelSink.Frame firstLoudAfterRejoin(LevelSink ear, StampedEvents heard, long signal) {
        StampedEvents.Join rejoin = heard.joinAfter(signal);
        if (rejoin == null) {
            return null;
        }
        return ear.frames().stream().filter(f -> f.atNanos() > rejoin.atNanos() && f.peak() >= LOUD).findFirst()
                .orElse(null);
    }

    private static Trial evaluate(int index, boolean crash, String relay, long signal, LevelSink ear,
                                  StampedEvents heard, StampedEvents said) {
        LevelSink.Frame back = firstLoudAfterRejoin(ear, heard, signal);
        LevelSink.Frame quiet = ear.frames().stream().filter(f -> f.atNanos() > signal && f.peak() < LOUD).findFirst()
                .orElse(null);
        StampedEvents.Join l = heard.joinAfter(signal);
        StampedEvents.Join t = said.joinAfter(signal);
        long noticed = heard.reconnectingAfter(signal);
        return new Trial(index, crash, relay, l == null ? "-" : l.address(),
                back == null ? Double.NaN : (back.atNanos() - signal) / 1e6,
                back == null || quiet == null ? Double.NaN : (back.atNanos() - quiet.atNanos()) / 1e6,
                noticed < 0 ? Double.NaN : (noticed - signal) / 1e6,
                l == null ? Double.NaN : (l.atNanos() - signal) / 1e6,
                t == null ? Double.NaN : (t.atNanos() - signal) / 1e6);
    }

    /** Loud and quiet runs, e.g. "12q 40L 3q", for a failure message. */
    private static String runs(List<LevelSink.Frame> frames) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        Boolean loud = null;
        for (LevelSink.Frame f : frames) {
            boolean l = f.peak() >= LOUD;
            if (loud != null && l != loud) {
                b.append(n).append(loud ? "L " : "q ");
                n = 0;
            }
            loud = l;
            n++;
        }
        return b.append(n).append(Boolean.TRUE.equals(loud) ? "L" : "q").toString();
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static CallConfig config(RoomLink room, String name, SirenSource source, LevelSink sink) {
        return new CallConfig(room, IdentityKeyPair.generate(), name, "", source, sink, CallOptions.defaults(),
                "parley-bench");
    }
}
