package dev.parley.common.media;

import dev.parley.common.domain.MediaHeader;

import java.util.Arrays;

/**
 * The adaptive playout buffer of one sender's audio stream (one per sender and ssrc). Packets go in
 * with their packet index, media timestamp and arrival time; every 20 ms playout tick takes exactly
 * one frame out: the decoded packet, a frame rebuilt by FEC from the next packet, a concealment frame,
 * or silence.
 *
 * <p><b>Timeline.</b> A packet's slot is its timestamp in 20 ms frames (960 ticks) from the first
 * packet. Each tick plays the slot under the cursor and normally moves it on by one. A packet whose
 * slot has been passed is late and dropped; a slot is never played twice. The sender must advance
 * timestamps in real time for the life of the stream, also across frames it does not send (DTX,
 * mute): a gap in timestamps with consecutive packet indices is silence, a gap in indices is loss.
 *
 * <p><b>Delay.</b> Each packet's relative delay is its arrival time minus its slot's nominal time.
 * Over a sliding window (3 s) the buffer aims for a playout delay of the chosen percentile (95 %)
 * of those delays minus their minimum, at least {@code minDelayMillis} (one frame) and at most
 * {@code maxDelayMillis}. It grows by holding the cursor for a tick at a gap (concealing while it
 * waits for a late packet, or lengthening a silence), which reacts at once to late packets; it
 * shrinks by dropping one silent slot at most every {@code shrinkIntervalFrames} ticks, so the
 * talker is never cut. The exception is a start (or restart) with a backlog: packets released
 * together after the playout thread stalled or after they waited for their key. Playout then skips
 * to the packet at the target delay, or the backlog would stay as added delay while the talker talks;
 * a restart also resets the decoder, as the next packet does not follow the last one it decoded.
 *
 * <p><b>Time.</b> All times are caller-supplied nanoseconds from one monotonic clock (e.g.
 * {@link System#nanoTime()}): the arrival stamp taken when the datagram was received, and the
 * playout tick's scheduled time. Nothing here reads a clock, so tests are deterministic.
 *
 * <p><b>Threading.</b> Not thread-safe. Confine it to the media thread: the network thread stamps
 * the arrival time and hands the packet over (a queue), and the media thread offers the queued
 * packets before each {@link #poll}.
 */
public final class JitterBuffer {
    private static final long EMPTY = Long.MIN_VALUE;
    private static final long FRAME = Pcm.FRAME_NANOS;
    /** Shrink only above target + 1.5 frames, so one dropped slot cannot push the delay below target. */
    private static final long SHRINK_MARGIN = FRAME * 3 / 2;
    /** Late packets in a row, at a steady lateness, before the stream is taken to have restarted. */
    private static final int RESYNC_LATE_RUN = 10;
    /** A start this far above target skips the backlog, rather than playing it late for good. */
    private static final long SKIP_ABOVE_TARGET = FRAME * 3;

    private enum Gap { SILENCE, LOSS, FEC }

    private final AudioFrameDecoder decoder;
    private final JitterBufferConfig config;
    private final DelayWindow window;
    private final int capacity;
    private final long[] slotAt;
    private final long[] indexAt;
    private final long[] consumedAt;
    private final int[] lengthAt;
    private final byte[][] dataAt;
    private final long minDelay;
    private final long maxDelay;

    private boolean anchored;
    private long baseTimestamp;
    private long highestTimestamp;
    private long cursor;
    private long highestSlot;
    private int buffered;
    private boolean started;

    private boolean haveLast;
    private long lastSlot;
    private long lastIndex;
    private boolean lastFollowedSilence;
    private PlayoutKind previousKind = PlayoutKind.SILENCE;

    private long offset;
    private long reference;
    private long target;
    private int concealRun;
    private int ticksSinceShrink;
    private int lateRun;
    private long lateRunFirstBehind;

    private boolean haveTransit;
    private long lastTransit;
    private double jitter;

    private long received;
    private long decoded;
    private long late;
    private long duplicates;
    private long lost;
    private long concealed;
    private long fecRecovered;
    private long silent;
    private long grown;
    private long shrunk;
    private long corrupt;
    private long resyncs;
    private long skipped;
    private long firstIndex = -1;
    private long highestIndex = -1;

    public JitterBuffer(AudioFrameDecoder decoder) {
        this(decoder, JitterBufferConfig.defaults());
    }

    public JitterBuffer(AudioFrameDecoder decoder, JitterBufferConfig config) {
        this.decoder = decoder;
        this.config = config;
        this.capacity = config.capacityFrames();
        this.window = new DelayWindow(config.windowMillis() * 1_000_000L, config.percentile(), 1024);
        this.slotAt = new long[capacity];
        this.indexAt = new long[capacity];
        this.consumedAt = new long[capacity];
        this.lengthAt = new int[capacity];
        this.dataAt = new byte[capacity][config.maxPayloadBytes()];
        this.minDelay = config.minDelayMillis() * 1_000_000L;
        this.maxDelay = config.maxDelayMillis() * 1_000_000L;
        this.target = minDelay;
        clearSlots();
    }

    /**
     * Offers one packet. The payload is copied; the caller may reuse its buffer.
     *
     * @param packetIndex  the 32-bit packet index ({@code seq_hi || seq})
     * @param timestamp    the 32-bit media timestamp, 48 kHz ticks (wraps)
     * @param arrivalNanos when the datagram was received, on the clock {@link #poll} uses
     */
    public OfferResult offer(long packetIndex, long timestamp, long arrivalNanos,
                             byte[] payload, int offset, int length) {
        if (length < 1 || length > config.maxPayloadBytes()) {
            return OfferResult.INVALID;
        }
        received++;
        if (firstIndex < 0 || packetIndex < firstIndex) {
            firstIndex = packetIndex;
        }
        highestIndex = Math.max(highestIndex, packetIndex);
        if (!anchored) {
            anchor(timestamp);
        }
        long ext = unwrap(timestamp);
        updateInterarrivalJitter(ext, arrivalNanos);
        long slot = Math.floorDiv(ext - baseTimestamp + Pcm.FRAME_SAMPLES / 2, Pcm.FRAME_SAMPLES);

        if (slot < cursor && !started && highestSlot - slot < capacity) {
            cursor = slot; // arrived out of order before playout began: start from the earliest
        }
        if (slot < cursor) {
            if (consumedAt[ring(slot)] == slot) {
                duplicates++;
                return OfferResult.DUPLICATE;
            }
            if (!lateMeansRestart(slot, arrivalNanos)) {
                return OfferResult.LATE;
            }
            slot = restartAt(timestamp);
        } else if (slot - cursor >= capacity) {
            slot = restartAt(timestamp);
        }
        int i = ring(slot);
        if (slotAt[i] == slot) {
            duplicates++;
            return OfferResult.DUPLICATE;
        }
        slotAt[i] = slot;
        indexAt[i] = packetIndex;
        lengthAt[i] = length;
        System.arraycopy(payload, offset, dataAt[i], 0, length);
        buffered++;
        highestSlot = Math.max(highestSlot, slot);
        lateRun = 0;
        window.add(arrivalNanos, arrivalNanos - slot * FRAME);
        return OfferResult.BUFFERED;
    }

    /** Offers one decrypted audio packet with the header it came in; see {@link #offer(long, long, long, byte[], int, int)}. */
    public OfferResult offer(MediaHeader header, long arrivalNanos, byte[] payload, int offset, int length) {
        return offer(header.packetIndex(), header.timestamp(), arrivalNanos, payload, offset, length);
    }

    /**
     * Plays one 20 ms tick into {@code out} ({@value Pcm#FRAME_SAMPLES} samples; zeros for silence).
     *
     * @param nowNanos the tick's time on the clock the arrival stamps use; preferably its scheduled
     *                 time rather than the measured wake-up, though the buffer smooths wake-up jitter
     */
    public PlayoutKind poll(long nowNanos, short[] out) {
        Pcm.requireFrame(out);
        window.expire(nowNanos);
        refreshTarget();
        if (!anchored) {
            return silence(out);
        }
        long measured = nowNanos - cursor * FRAME;
        offset = started ? offset + (measured - offset) / 16 : measured;
        long depth = offset - reference;
        if (!started) {
            if (slotAt[ring(cursor)] != cursor || depth < target) {
                return silence(out);
            }
            if (depth >= target + SKIP_ABOVE_TARGET) {
                depth -= skipBacklog((depth - target) / FRAME) * FRAME;
                offset = depth + reference;
            }
            started = true;
            ticksSinceShrink = 0;
        }
        ticksSinceShrink++;
        return playCursor(depth, out, true);
    }

    /** The playout delay the buffer aims for, in milliseconds. */
    public int targetDelayMillis() {
        return (int) (target / 1_000_000L);
    }

    /** The playout delay as of the last tick: playout time minus the earliest arrival in the window. */
    public int currentDelayMillis() {
        return anchored ? (int) ((offset - reference) / 1_000_000L) : 0;
    }

    /** Packets waiting to be played. */
    public int bufferedPackets() {
        return buffered;
    }

    public JitterStats stats() {
        return new JitterStats(received, decoded, late, duplicates, lost, concealed, fecRecovered, silent,
                grown, shrunk, corrupt, resyncs, skipped, firstIndex, highestIndex, targetDelayMillis(),
                currentDelayMillis(), jitter / 1_000_000.0);
    }

    /**
     * Playout starts with more queued than the target: packets released together after a stall
     * (the sink blocked the playout thread, or they waited for their key). Shrinking one silent slot
     * at a time would keep the whole backlog as added mouth-to-ear delay for as long as the talker
     * talks, so drop it at once: move the cursor up to {@code frames} slots on, to a packet.
     *
     * @return slots skipped
     */
    private long skipBacklog(long frames) {
        long to = Math.min(cursor + frames, highestSlot);
        while (to < highestSlot && slotAt[ring(to)] != to) {
            to++;
        }
        for (long s = cursor; s < to; s++) {
            int i = ring(s);
            if (slotAt[i] == s) {
                slotAt[i] = EMPTY;
                buffered--;
                skipped++;
            }
        }
        long moved = to - cursor;
        cursor = to;
        return moved;
    }

    private PlayoutKind playCursor(long depth, short[] out, boolean mayShrink) {
        int i = ring(cursor);
        if (slotAt[i] == cursor) {
            return playPacket(i, out);
        }
        return switch (classifyGap()) {
            case FEC -> recover(out);
            case LOSS -> concealRun < config.maxConcealFrames() ? conceal(depth, out) : silentSlot(depth, out, mayShrink);
            case SILENCE -> silentSlot(depth, out, mayShrink);
        };
    }

    private PlayoutKind playPacket(int i, short[] out) {
        PlayoutKind kind;
        try {
            decoder.decode(dataAt[i], 0, lengthAt[i], out);
            decoded++;
            concealRun = 0;
            kind = PlayoutKind.DECODED;
        } catch (MediaCodecException e) {
            corrupt++;
            kind = concealNow(out);
        }
        lastFollowedSilence = previousKind == PlayoutKind.SILENCE;
        haveLast = true;
        lastSlot = cursor;
        lastIndex = indexAt[i];
        consumedAt[i] = cursor;
        slotAt[i] = EMPTY;
        buffered--;
        cursor++;
        return previousKind = kind;
    }

    private PlayoutKind recover(short[] out) {
        int next = ring(cursor + 1);
        PlayoutKind kind;
        try {
            decoder.recover(dataAt[next], 0, lengthAt[next], out);
            fecRecovered++;
            concealRun = 0;
            kind = PlayoutKind.FEC_RECOVERED;
        } catch (MediaCodecException e) {
            kind = concealNow(out); // the next packet is corrupt; playing it will count that
        }
        lost++;
        cursor++;
        return previousKind = kind;
    }

    private PlayoutKind conceal(long depth, short[] out) {
        concealNow(out);
        if (depth < target) {
            grown++; // hold the slot: its packet may still come
            offset += FRAME;
        } else {
            lost++;
            cursor++;
        }
        return previousKind = PlayoutKind.CONCEALED;
    }

    private PlayoutKind concealNow(short[] out) {
        decoder.conceal(out);
        concealed++;
        concealRun++;
        return PlayoutKind.CONCEALED;
    }

    private PlayoutKind silentSlot(long depth, short[] out, boolean mayShrink) {
        if (depth < target) {
            grown++;
            offset += FRAME;
            return silence(out);
        }
        if (mayShrink && depth >= target + SHRINK_MARGIN && ticksSinceShrink >= config.shrinkIntervalFrames()) {
            shrunk++;
            ticksSinceShrink = 0;
            cursor++;
            offset -= FRAME;
            return playCursor(depth - FRAME, out, false);
        }
        cursor++;
        return silence(out);
    }

    private PlayoutKind silence(short[] out) {
        Arrays.fill(out, (short) 0);
        silent++;
        return previousKind = PlayoutKind.SILENCE;
    }

    /**
     * Why the cursor's slot has no packet. Packet indices tell: if the next packet present follows the
     * last played one without an index gap, the sender sent nothing in between (DTX). If indices are
     * missing the slot is lost; when fewer are missing than slots are empty, only the slot right before
     * the next packet is treated as lost (FEC can rebuild it), the rest as silence.
     */
    private Gap classifyGap() {
        if (!haveLast) {
            return Gap.SILENCE;
        }
        long next = nextBufferedSlot();
        if (next == EMPTY) {
            // nothing known yet: a lone packet after silence is a comfort-noise update, so DTX goes on
            return lastFollowedSilence ? Gap.SILENCE : Gap.LOSS;
        }
        long missingPackets = indexAt[ring(next)] - lastIndex - 1;
        long emptySlots = next - lastSlot - 1;
        if (missingPackets <= 0) {
            return Gap.SILENCE;
        }
        if (next == cursor + 1) {
            return Gap.FEC;
        }
        return missingPackets >= emptySlots ? Gap.LOSS : Gap.SILENCE;
    }

    private long nextBufferedSlot() {
        for (long s = cursor + 1; s <= highestSlot; s++) {
            if (slotAt[ring(s)] == s) {
                return s;
            }
        }
        return EMPTY;
    }

    /**
     * Counts a late packet and tells whether the stream has in fact restarted: a run of late packets
     * whose lateness does not shrink (a burst after a network stall catches up one slot per packet) means
     * the sender's timestamps stepped back, and every further packet would be dropped.
     */
    private boolean lateMeansRestart(long slot, long arrivalNanos) {
        late++;
        window.add(arrivalNanos, arrivalNanos - slot * FRAME);
        long behind = cursor - slot;
        if (lateRun == 0) {
            lateRunFirstBehind = behind;
        }
        lateRun++;
        return lateRun >= RESYNC_LATE_RUN && lateRunFirstBehind - behind < RESYNC_LATE_RUN / 2;
    }

    private long restartAt(long timestamp) {
        resyncs++;
        clearSlots();
        window.clear();
        started = false;
        haveLast = false;
        haveTransit = false;
        concealRun = 0;
        lateRun = 0;
        // what plays next does not follow what the decoder played last
        decoder.reset();
        anchor(timestamp);
        return 0;
    }

    private void anchor(long timestamp) {
        anchored = true;
        baseTimestamp = timestamp;
        highestTimestamp = timestamp;
        cursor = 0;
        highestSlot = 0;
    }

    private void clearSlots() {
        Arrays.fill(slotAt, EMPTY);
        Arrays.fill(consumedAt, EMPTY);
        buffered = 0;
    }

    private long unwrap(long timestamp) {
        long ext = highestTimestamp + (int) (timestamp - highestTimestamp);
        highestTimestamp = Math.max(highestTimestamp, ext);
        return ext;
    }

    private void updateInterarrivalJitter(long extTimestamp, long arrivalNanos) {
        long transit = arrivalNanos - (extTimestamp - baseTimestamp) * 1_000_000_000L / Pcm.SAMPLE_RATE;
        if (haveTransit) {
            jitter += (Math.abs(transit - lastTransit) - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private void refreshTarget() {
        if (window.isEmpty()) {
            return; // keep the last estimate through long silences
        }
        reference = window.min();
        target = Math.max(minDelay, Math.min(maxDelay, window.high() - reference));
    }

    private int ring(long slot) {
        return (int) Math.floorMod(slot, (long) capacity);
    }
}
