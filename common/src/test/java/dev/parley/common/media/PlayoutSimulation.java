package dev.parley.common.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

/**
 * A deterministic sender, network and playout clock around one {@link JitterBuffer}: packets are
 * offered when their arrival time has come, right before the 20 ms tick that follows it.
 */
final class PlayoutSimulation {
    static final long T0 = 1_000_000_000L;
    static final long MS = 1_000_000L;

    record Packet(long index, long timestamp, long arrivalNanos, int slot, byte[] payload) {
    }

    /** What one playout tick played, and the buffer's target and delay after it. */
    record Tick(long nowNanos, PlayoutKind kind, short[] frame, int targetMillis, int delayMillis) {
    }

    private PlayoutSimulation() {
    }

    /**
     * What a sender emits for {@code slots} frames: a packet per slot unless {@code payloadOfSlot} gives
     * null (DTX, not sent and no index used); {@code lost} ones take an index but never arrive.
     */
    static List<Packet> send(int slots, long firstTimestamp, IntFunction<byte[]> payloadOfSlot, IntPredicate lost,
                             IntToLongFunction networkDelayNanos) {
        List<Packet> packets = new ArrayList<>();
        long index = 0;
        for (int slot = 0; slot < slots; slot++) {
            byte[] payload = payloadOfSlot.apply(slot);
            if (payload == null) {
                continue;
            }
            long timestamp = (firstTimestamp + (long) slot * Pcm.FRAME_SAMPLES) & 0xFFFF_FFFFL;
            if (!lost.test(slot)) {
                packets.add(new Packet(index, timestamp, T0 + slot * Pcm.FRAME_NANOS + networkDelayNanos.applyAsLong(slot),
                        slot, payload));
            }
            index++;
        }
        return packets;
    }

    /** Steady arrivals of packets whose payload is their slot number (for {@link ScriptedDecoder}). */
    static List<Packet> steady(int slots, long firstTimestamp, long delayNanos) {
        return send(slots, firstTimestamp, ScriptedDecoder::payload, s -> false, s -> delayNanos);
    }

    /** Runs {@code ticks} playout ticks at T0, T0 + 20 ms, ...; returns what each tick played. */
    static List<Tick> run(JitterBuffer buffer, List<Packet> packets, int ticks) {
        return run(buffer, packets, ticks, t -> false);
    }

    /**
     * Like {@link #run(JitterBuffer, List, int)}, but the playout thread is stalled at the ticks
     * {@code stalled} names (a speaker whose write blocks): nothing is offered or played then, and
     * what arrived meanwhile is offered at the next tick that runs.
     */
    static List<Tick> run(JitterBuffer buffer, List<Packet> packets, int ticks, IntPredicate stalled) {
        List<Packet> byArrival = new ArrayList<>(packets);
        byArrival.sort(Comparator.comparingLong(Packet::arrivalNanos));
        List<Tick> out = new ArrayList<>(ticks);
        int next = 0;
        for (int t = 0; t < ticks; t++) {
            if (stalled.test(t)) {
                continue;
            }
            long now = T0 + t * Pcm.FRAME_NANOS;
            while (next < byArrival.size() && byArrival.get(next).arrivalNanos() <= now) {
                Packet p = byArrival.get(next++);
                buffer.offer(p.index(), p.timestamp(), p.arrivalNanos(), p.payload(), 0, p.payload().length);
            }
            short[] frame = new short[Pcm.FRAME_SAMPLES];
            PlayoutKind kind = buffer.poll(now, frame);
            out.add(new Tick(now, kind, frame, buffer.targetDelayMillis(), buffer.currentDelayMillis()));
        }
        return out;
    }

    static long count(List<Tick> ticks, PlayoutKind kind) {
        return ticks.stream().filter(t -> t.kind() == kind).count();
    }
}
