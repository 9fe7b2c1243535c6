package dev.parley.common.media;

import dev.parley.common.media.PlayoutSimulation.Packet;
import dev.parley.common.media.PlayoutSimulation.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.parley.common.media.PlayoutSimulation.MS;
import static dev.parley.common.media.PlayoutSimulation.T0;
import static org.assertj.core.api.Assertions.assertThat;

class JitterBufferTest {
    private final ScriptedDecoder decoder = new ScriptedDecoder();
    private final JitterBuffer buffer = new JitterBuffer(decoder);

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void steadyInOrderArrivalsPlayEveryPacketOnceAtOneFrameTarget() {
        // timestamps start just below 2^32 so they wrap a second into the stream
        List<Packet> packets = PlayoutSimulation.steady(500, 0xFFFF_FFFFL - 50 * 960, 7 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 502);

        assertThat(decoder.decoded).isEqualTo(range(0, 500));
        assertThat(decoder.concealed).isZero();
        assertThat(buffer.targetDelayMillis()).isEqualTo(20);
        assertThat(buffer.currentDelayMillis()).isBetween(20, 40);
        JitterStats stats = buffer.stats();
        assertThat(stats.late()).isZero();
        assertThat(stats.lost()).isZero();
        assertThat(stats.resyncs()).isZero();
        assertThat(stats.expected()).isEqualTo(500);
        assertThat(stats.missing()).isZero();
        // one frame of start-up delay, then one decoded frame per tick
        assertThat(ticks.subList(2, 502)).allMatch(t -> t.kind() == PlayoutKind.DECODED);
        // after the stream ends: at most maxConcealFrames of concealment, then silence
        List<Tick> after = PlayoutSimulation.run(buffer, List.of(), 20);
        assertThat(PlayoutSimulation.count(after, PlayoutKind.CONCEALED)).isEqualTo(5);
        assertThat(after.subList(5, 20)).allMatch(t -> t.kind() == PlayoutKind.SILENCE);
        assertThat(ticks.get(2).frame()[0]).isEqualTo((short) 1000);
    }

    @Test
    void reorderingWithinTheTargetIsRepaired() {
        // every even packet is overtaken by the next one: it arrives 25 ms late, after its successor
        List<Packet> packets = PlayoutSimulation.send(300, 1234, ScriptedDecoder::payload, s -> false,
                s -> s % 2 == 0 ? 25 * MS : 0);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 310);

        assertThat(decoder.decoded).isEqualTo(range(0, 300));
        assertThat(buffer.stats().late()).isZero();
        assertThat(ticksBeforeLastDecoded(ticks)).noneMatch(t -> t.kind() == PlayoutKind.CONCEALED);
        assertThat(buffer.targetDelayMillis()).isBetween(25, 45);
    }

    @Test
    void duplicatesAreNeverPlayedTwice() {
        List<Packet> once = PlayoutSimulation.steady(200, 0, 3 * MS);
        List<Packet> packets = new ArrayList<>(once);
        for (Packet p : once) {
            // a copy 5 ms later (still buffered) and one a second later (long played)
            packets.add(new Packet(p.index(), p.timestamp(), p.arrivalNanos() + 5 * MS, p.slot(), p.payload()));
            if (p.slot() < 100) {
                packets.add(new Packet(p.index(), p.timestamp(), p.arrivalNanos() + 1000 * MS, p.slot(), p.payload()));
            }
        }

        PlayoutSimulation.run(buffer, packets, 210);

        assertThat(decoder.decoded).isEqualTo(range(0, 200));
        assertThat(buffer.stats().duplicates()).isEqualTo(300);
        assertThat(buffer.stats().late()).isZero();
        assertThat(buffer.stats().missing()).isZero();
    }

    @Test
    void aPacketArrivingAfterItsSlotIsDroppedAndCounted() {
        List<Packet> packets = PlayoutSimulation.send(100, 0, ScriptedDecoder::payload, s -> false,
                s -> s == 50 ? 150 * MS : 5 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 110);

        assertThat(decoder.decoded).doesNotContain(50).containsAll(range(51, 100));
        assertThat(buffer.stats().late()).isEqualTo(1);
        assertThat(ticksBeforeLastDecoded(ticks)).noneMatch(t -> t.kind() == PlayoutKind.CONCEALED);
        // the next packet was there when slot 50 was due: its FEC rebuilt the frame
        assertThat(decoder.recoveredFrom).containsExactly(51);
        assertThat(PlayoutSimulation.count(ticks, PlayoutKind.FEC_RECOVERED)).isEqualTo(1);
    }

    @Test
    void fecRebuildsALostPacketWhenTheNextIsPresentAndPlcCoversTheRest() {
        List<Packet> packets = PlayoutSimulation.send(100, 0, ScriptedDecoder::payload,
                s -> s == 20 || s == 40 || s == 41, s -> 5 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 102);

        assertThat(decoder.decoded).hasSize(97).doesNotContain(20, 40, 41);
        // slot 20: FEC from 21; slot 40: nothing to rebuild from (41 lost too), PLC; slot 41: FEC from 42
        assertThat(decoder.recoveredFrom).containsExactly(21, 42);
        assertThat(decoder.concealed).isEqualTo(1);
        int first = firstDecoded(ticks);
        assertThat(ticks.get(first + 20).kind()).isEqualTo(PlayoutKind.FEC_RECOVERED);
        assertThat(ticks.get(first + 40).kind()).isEqualTo(PlayoutKind.CONCEALED);
        assertThat(ticks.get(first + 41).kind()).isEqualTo(PlayoutKind.FEC_RECOVERED);
        JitterStats stats = buffer.stats();
        assertThat(stats.fecRecovered()).isEqualTo(2);
        assertThat(stats.concealed()).isEqualTo(1);
        assertThat(stats.lost()).isEqualTo(3);
        assertThat(stats.missing()).isEqualTo(3);
    }

    @Test
    void dtxSilencePlaysSilenceNotEndlessConcealment() {
        // talk for 1 s, DTX for 2 s with one comfort-noise update in the middle, then talk again
        List<Packet> packets = PlayoutSimulation.send(200, 0,
                s -> s < 50 || s == 100 || s >= 150 ? ScriptedDecoder.payload(s) : null, s -> false, s -> 5 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 202);

        int first = firstDecoded(ticks);
        List<PlayoutKind> gap = ticks.subList(first + 50, first + 150).stream().map(Tick::kind).toList();
        // at most maxConcealFrames of concealment while it is unclear whether packets are lost ...
        assertThat(decoder.concealed).isLessThanOrEqualTo(JitterBufferConfig.defaults().maxConcealFrames());
        // ... and after the lone comfort-noise packet, silence straight away: DTX goes on
        assertThat(gap.subList(51, 100)).allMatch(k -> k == PlayoutKind.SILENCE);
        assertThat(gap).filteredOn(k -> k == PlayoutKind.SILENCE).hasSizeGreaterThan(90);
        assertThat(ticks.stream().filter(t -> t.kind() == PlayoutKind.SILENCE))
                .allMatch(t -> isAll(t.frame(), (short) 0));
        assertThat(decoder.decoded).containsAll(range(150, 200)).contains(100);
        assertThat(buffer.stats().missing()).isZero();
        assertThat(buffer.stats().lost()).isEqualTo(decoder.concealed);
    }

    @Test
    void aKnownDtxGapIsSilentFromItsFirstSlot() {
        // with 100 ms of buffer the packet after the gap is there when the gap starts: its index says
        // nothing was lost
        JitterBuffer buffer = new JitterBuffer(decoder, new JitterBufferConfig(100, 200, 3000, 0.95, 5, 10, 64, 1275));
        List<Packet> packets = PlayoutSimulation.send(100, 0,
                s -> s < 30 || s >= 33 ? ScriptedDecoder.payload(s) : null, s -> false, s -> 5 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 105);

        int first = firstDecoded(ticks);
        assertThat(ticks.subList(first + 30, first + 33)).allMatch(t -> t.kind() == PlayoutKind.SILENCE);
        assertThat(decoder.concealed).isZero();
        assertThat(decoder.recoveredFrom).isEmpty();
    }

    /** Delays and targets, every tick, of a run with 5 s of jitter, a talker who goes on and a DTX pause. */
    private record JitterThenCalm(List<Integer> targets, List<Integer> depths, JitterStats stats) {
    }

    /**
     * 5 s of up to 60 ms of jitter from 3 s on, talk until 13 s, DTX silence from 13 s to 16 s, talk again:
     * the window forgets the jitter at about 11 s, two seconds before the talker pauses.
     */
    private JitterThenCalm jitterThenCalm(JitterBuffer buffer) {
        Random random = new Random(42);
        long[] delay = new long[900];
        for (int s = 0; s < delay.length; s++) {
            boolean jittery = s >= 150 && s < 400; // 5 s of up to 60 ms of jitter
            delay[s] = 5 * MS + (jittery ? (long) (random.nextDouble() * 60 * MS) : 0);
        }
        // DTX silence from slot 650 to 800 lets the buffer drain its extra delay
        List<Packet> packets = PlayoutSimulation.send(900, 77, s -> s < 650 || s >= 800 ? ScriptedDecoder.payload(s) : null,
                s -> false, s -> delay[s]);

        List<Integer> targets = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        List<Packet> byArrival = new ArrayList<>(packets);
        byArrival.sort(java.util.Comparator.comparingLong(Packet::arrivalNanos));
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        int next = 0;
        for (int t = 0; t < 910; t++) {
            long now = T0 + t * Pcm.FRAME_NANOS;
            while (next < byArrival.size() && byArrival.get(next).arrivalNanos() <= now) {
                Packet p = byArrival.get(next++);
                buffer.offer(p.index(), p.timestamp(), p.arrivalNanos(), p.payload(), 0, 4);
            }
            buffer.poll(now, frame);
            targets.add(buffer.targetDelayMillis());
            depths.add(buffer.currentDelayMillis());
        }

        System.out.printf("jitter 0-60 ms from 3 s to 8 s, DTX from 13 s to 16 s: target/depth ms at 2.8 s %d/%d, "
                        + "3.5 s %d/%d, 7.8 s %d/%d, 11.2 s %d/%d, 12.8 s %d/%d, 15.8 s %d/%d; %s%n",
                targets.get(140), depths.get(140), targets.get(175), depths.get(175), targets.get(390), depths.get(390),
                targets.get(560), depths.get(560), targets.get(640), depths.get(640), targets.get(790), depths.get(790),
                buffer.stats());
        assertThat(targets.get(140)).isEqualTo(20);
        assertThat(depths.get(140)).isLessThanOrEqualTo(40);
        // within half a second of the jitter starting, the target has grown
        assertThat(targets.get(175)).isGreaterThanOrEqualTo(35);
        assertThat(targets.get(390)).isBetween(50, 60);
        assertThat(depths.get(390)).isGreaterThanOrEqualTo(50);
        // a late packet rate near the percentile's 5 %, not more
        long lateAfterWarmUp = buffer.stats().late();
        assertThat(lateAfterWarmUp).isLessThan(25);
        // 3 s after the jitter ended, the window has forgotten it
        assertThat(targets.get(560)).isEqualTo(20);
        assertThat(buffer.stats().resyncs()).isZero();
        // whatever came in time was played once, in order
        assertThat(decoder.decoded).isSorted().doesNotHaveDuplicates();
        return new JitterThenCalm(targets, depths, buffer.stats());
    }

    @Test
    void targetGrowsWithJitterAndTheDelayIsShedWhileTheTalkerGoesOn() {
        JitterThenCalm run = jitterThenCalm(buffer);

        // the window forgot the jitter at about 11 s; by 12.8 s, still talking, the delay is back at the target
        assertThat(run.depths().get(640)).isLessThanOrEqualTo(run.targets().get(640) + 20);
        assertThat(run.stats().acceleratedMillis()).isPositive();
        // speech was sped up, not cut: no slot was dropped, before the pause or in it
        assertThat(run.stats().shrunk()).isZero();
        assertThat(run.depths().get(790)).isLessThanOrEqualTo(run.targets().get(790) + 20);
    }

    @Test
    void withoutTimeStretchingTheDelayWaitsForAPauseToShrink() {
        JitterThenCalm run = jitterThenCalm(new JitterBuffer(decoder,
                JitterBufferConfig.defaults().withTimeStretching(false)));

        // while the talker keeps talking the delay stays (dropping speech would be audible) ...
        assertThat(run.depths().get(640)).isGreaterThanOrEqualTo(50);
        // ... and drains in the silence, one frame at a time
        assertThat(run.depths().get(790)).isLessThanOrEqualTo(50);
        assertThat(run.stats().shrunk()).isGreaterThanOrEqualTo(1);
        assertThat(run.stats().acceleratedMillis()).isZero();
        assertThat(run.stats().stretchedMillis()).isZero();
    }

    @Test
    void packetsOutOfOrderBeforePlayoutStartsAreAllPlayed() {
        List<Packet> packets = PlayoutSimulation.send(20, 0, ScriptedDecoder::payload, s -> false,
                s -> s == 0 ? 30 * MS : 5 * MS);

        PlayoutSimulation.run(buffer, packets, 30);

        assertThat(decoder.decoded).isEqualTo(range(0, 20));
    }

    @Test
    void aTimestampJumpFarAheadRestartsTheStream() {
        List<Packet> packets = new ArrayList<>(PlayoutSimulation.steady(50, 0, 5 * MS));
        long jumped = 5_000_000L; // 104 s ahead of slot 50
        for (int s = 50; s < 100; s++) {
            packets.add(new Packet(s, jumped + (s - 50) * 960L, T0 + s * Pcm.FRAME_NANOS + 5 * MS, s,
                    ScriptedDecoder.payload(s)));
        }

        PlayoutSimulation.run(buffer, packets, 110);

        assertThat(buffer.stats().resyncs()).isEqualTo(1);
        // what was still buffered of the old timeline is dropped with it
        assertThat(decoder.decoded).containsAll(range(0, 48)).containsAll(range(51, 100));
    }

    @Test
    void packetsThatStayLateRestartTheStreamInsteadOfBeingDroppedForever() {
        // the sender's timestamps step back by 2 s (a sender bug, or timestamps frozen while muted)
        List<Packet> packets = new ArrayList<>(PlayoutSimulation.steady(100, 0, 5 * MS));
        for (int s = 100; s < 200; s++) {
            packets.add(new Packet(s, (s - 100) * 960L, T0 + s * Pcm.FRAME_NANOS + 5 * MS, s, ScriptedDecoder.payload(s)));
        }

        PlayoutSimulation.run(buffer, packets, 210);

        assertThat(buffer.stats().resyncs()).isEqualTo(1);
        assertThat(buffer.stats().late()).isEqualTo(10);
        assertThat(decoder.decoded).containsAll(range(110, 200));
    }

    @Test
    void aPlayoutStallCatchesUpWithLiveInsteadOfPlayingTheBacklogLate() {
        // the speaker's write blocks the playout thread for 1.8 s (ticks 100-189) while packets keep coming
        List<Packet> packets = PlayoutSimulation.steady(400, 0, 5 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 400, t -> t >= 100 && t < 190);

        // 90 slots behind is beyond the buffer's 64: a restart, so the decoder forgets what it played
        assertThat(buffer.stats().resyncs()).isEqualTo(1);
        assertThat(decoder.resets).isEqualTo(1);
        // the first tick after the stall plays the live packet, not the 26 queued behind it
        int firstAfter = decoder.decoded.indexOf(188);
        assertThat(firstAfter).isPositive();
        assertThat(decoder.decoded.get(firstAfter - 1)).isLessThan(100);
        // (the last two arrive after the last tick)
        assertThat(decoder.decoded.subList(firstAfter, decoder.decoded.size())).isEqualTo(range(188, 398));
        // slots 162-187: the restart anchored at the first packet 64 slots ahead of the cursor
        assertThat(buffer.stats().skipped()).isEqualTo(26);
        assertThat(buffer.currentDelayMillis()).isBetween(20, 40);
        assertThat(ticks.get(100).nowNanos()).isEqualTo(T0 + 190 * Pcm.FRAME_NANOS);
        assertThat(ticks.get(100).kind()).isEqualTo(PlayoutKind.DECODED);
    }

    @Test
    void packetsReleasedLateTogetherStartAtTheTargetDelay() {
        // the first 15 packets wait 300 ms for their key and are released at once: playing them all
        // would add 300 ms of delay for as long as the talker goes on
        List<Packet> packets = PlayoutSimulation.send(100, 0, ScriptedDecoder::payload, s -> false,
                s -> s < 15 ? (15 - s) * 20 * MS + 5 * MS : 5 * MS);

        // all 16 are offered at the tick of 320 ms, and the first one plays there
        PlayoutSimulation.run(buffer, packets, 17);

        // they also look like 300 ms of jitter, so the target grows (to its 200 ms ceiling); playout
        // starts at the target, not 315 ms deep
        long skipped = buffer.stats().skipped();
        assertThat(skipped).isPositive();
        assertThat(buffer.currentDelayMillis()).isBetween(buffer.targetDelayMillis(), buffer.targetDelayMillis() + 20);
        assertThat(decoder.decoded).containsExactly((int) skipped);
        assertThat(buffer.stats().resyncs()).isZero();
        assertThat(decoder.resets).isZero();
    }

    @Test
    void aBurstAfterANetworkStallIsDroppedNotReplayed() {
        // 600 ms of nothing, then everything at once: the old packets are late, no restart
        List<Packet> packets = PlayoutSimulation.send(200, 0, ScriptedDecoder::payload, s -> false,
                s -> s >= 50 && s < 80 ? (80 - s) * 20 * MS + 5 * MS : 5 * MS);

        PlayoutSimulation.run(buffer, packets, 210);

        assertThat(buffer.stats().resyncs()).isZero();
        assertThat(buffer.stats().late()).isGreaterThan(20);
        assertThat(decoder.decoded).isSorted().containsAll(range(80, 200));
        assertThat(buffer.targetDelayMillis()).isLessThanOrEqualTo(JitterBufferConfig.defaults().maxDelayMillis());
    }

    @Test
    void aCorruptPacketIsConcealedAndCounted() {
        List<Packet> packets = PlayoutSimulation.send(30, 0, s -> ScriptedDecoder.payload(s == 10 ? -1 : s),
                s -> false, s -> 5 * MS);

        List<Tick> ticks = PlayoutSimulation.run(buffer, packets, 35);

        assertThat(buffer.stats().corrupt()).isEqualTo(1);
        assertThat(ticks.get(firstDecoded(ticks) + 10).kind()).isEqualTo(PlayoutKind.CONCEALED);
        assertThat(decoder.decoded).hasSize(29);
    }

    @Test
    void acceptsTheMediaHeaderItCameWith() {
        var header = new dev.parley.common.domain.MediaHeader(1, 2, dev.parley.common.domain.MediaKind.AUDIO, 3,
                0x1_0005L, 0xFFFF_FC40L, 4, 16 + 4);
        assertThat(buffer.offer(header, T0, ScriptedDecoder.payload(9), 0, 4)).isEqualTo(OfferResult.BUFFERED);
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        buffer.poll(T0 + 20 * MS, frame);
        assertThat(buffer.stats().highestPacketIndex()).isEqualTo(0x1_0005L);
        assertThat(decoder.decoded).containsExactly(9);
    }

    @Test
    void nothingOfferedIsSilence() {
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        frame[0] = 7;
        assertThat(buffer.poll(T0, frame)).isEqualTo(PlayoutKind.SILENCE);
        assertThat(frame[0]).isZero();
        assertThat(buffer.offer(0, 0, T0, new byte[0], 0, 0)).isEqualTo(OfferResult.INVALID);
    }

    private static List<Tick> ticksBeforeLastDecoded(List<Tick> ticks) {
        int last = ticks.size() - 1;
        while (ticks.get(last).kind() != PlayoutKind.DECODED) {
            last--;
        }
        return ticks.subList(0, last);
    }

    private static int firstDecoded(List<Tick> ticks) {
        for (int i = 0; i < ticks.size(); i++) {
            if (ticks.get(i).kind() == PlayoutKind.DECODED) {
                return i;
            }
        }
        throw new AssertionError("nothing decoded");
    }

    private static boolean isAll(short[] frame, short value) {
        for (short s : frame) {
            if (s != value) {
                return false;
            }
        }
        return true;
    }
}
