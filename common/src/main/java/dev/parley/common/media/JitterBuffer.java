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
 * {@code maxDelayMillis}. Below target it grows by holding the cursor for a tick at a gap (concealing
 * while it waits for a late packet, or lengthening a silence), which reacts at once to late packets;
 * above it, it shrinks by dropping one silent slot at most every {@code shrinkIntervalFrames} ticks, so
 * the talker is never cut; with time stretching (below) it also shrinks and grows during speech. The exception is a start (or restart) with a backlog: packets released
 * together after the playout thread stalled or after they waited for their key. Playout then skips
 * to the packet at the target delay, or the backlog would stay as added delay while the talker talks;
 * a restart also resets the decoder, as the next packet does not follow the last one it decoded.
 *
 * <p><b>Time stretching</b> (unless {@link JitterBufferConfig#timeStretching() switched off}), as
 * NetEQ's accelerate and preemptive expand. Decoded audio passes through a small playout queue, so a
 * tick can play more or less than one slot's worth of it.
 * <ul>
 *   <li>When packets run late (below target, the next packet not here yet) it stretches speech by a
 *   period instead, so the buffer grows before the late packet is due rather than by concealing at
 *   the gap; at the gap it first plays queued speech longer (up to two ticks), then conceals.</li>
 *   <li>A missing packet with nothing after it arrived is waited for also at the target, up to
 *   {@code maxDelayMillis}: the network may have stalled, and then its packets come together. The wait
 *   plays what a loss would (concealment); if the packet comes, it plays rather than being dropped as
 *   late; if a later packet comes first, or nothing comes for twice the maximum delay (the talker
 *   paused), the wait is undone, so a loss or a pause costs no delay.</li>
 *   <li>The delay that waiting and stretching added while ticks came on time is stretch debt: the
 *   network's doing. Once the packets are here the buffer accelerates speech to pay back that debt, and
 *   only that: it decodes a packet ahead and removes a pitch period where the voice repeats itself
 *   ({@link TimeStretcher}), while more than a frame above target, until within half a frame of it or
 *   the debt is paid. Speech changes speed by at most an eighth and keeps its pitch: up to 125 ms shed
 *   per second of voiced speech.</li>
 *   <li>A tick that comes more than three frames after the one before means the playout thread
 *   stalled (a fresh JVM compiling, a loaded machine): what piled up meanwhile, and a target such a
 *   stall raised, are no debt. That excess is dropped in pauses, as at fixed speed, so the talker's
 *   timeline does not move while they talk; right after a stall a missing packet is waited for by two
 *   frames at most.</li>
 * </ul>
 * Packets later than the maximum delay (a relay that held one back across a pause) do not raise the
 * target: no target could have played them in time.
 * The playout delay counts the queued audio, and the timeline rules above still hold.
 *
 * <p><b>Time.</b> All times are caller-supplied nanoseconds from one monotonic clock (e.g.
 * {@link System#nanoTime()}): the arrival stamp taken when the datagram was received, and the
 * playout tick's scheduled time (or, when a blocking sink paces playout, the time it returned: a
 * stalled tick then shows as such). Nothing here reads a clock, so tests are deterministic.
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
    /** Speech is accelerated from this far above target, if it owes more than {@link #ACCELERATE_UNTIL} ... */
    private static final long ACCELERATE_ABOVE = FRAME;
    /** ... until it is this close to the target, or the debt is paid. */
    private static final long ACCELERATE_UNTIL = FRAME / 2;
    /**
     * A tick this long after the one before came late: the playout thread stalled (a fresh JVM compiling,
     * a loaded machine), not the network. What piles up meanwhile is no stretch debt.
     */
    private static final long STALL_GAP = 3 * FRAME;
    /** Ticks after a stalled one before a missing packet counts as network lateness again. */
    private static final int CALM_TICKS = 3;
    /**
     * Time stretching may add or remove this many samples per tick on average: an eighth of the speed.
     * Faster sounds hurried, and moves the speech by more than the 40 ms per 250 ms that the end-to-end
     * tests' piecewise alignment follows.
     */
    private static final int STRETCH_PER_TICK = Pcm.FRAME_SAMPLES / 8;
    /** Ticks in a row a missing packet is waited for by stretching the queued speech, before concealment. */
    private static final int MAX_GAP_STRETCH_TICKS = 2;
    /** Periods inserted per tick while waiting; repeating one more often sounds buzzy. */
    private static final int GAP_INSERTS = 2;
    private static final int HISTORY = TimeStretcher.HISTORY;
    /**
     * How far above target a missing packet is waited for right after the playout thread stalled: the
     * packets it misses then were held up by the same stall, not by the network, and a long wait would
     * only move the talker's timeline.
     */
    private static final long MAX_WAIT = 2 * FRAME;

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
    private final TimeStretcher stretcher = new TimeStretcher();
    private final short[] frame = new short[Pcm.FRAME_SAMPLES];
    /**
     * Played history {@code [0, HISTORY)}, then the queue: decoded audio still to play, {@code [HISTORY,
     * end)}. At most three frames are queued before a tick plays one (a frame decoded ahead and a period
     * inserted on top of less than two).
     */
    private final short[] pcm = new short[HISTORY + 4 * Pcm.FRAME_SAMPLES];
    private int end = HISTORY;
    /** What the newest audio in the queue is. */
    private PlayoutKind tailKind = PlayoutKind.SILENCE;
    private boolean accelerating;
    /**
     * Stretch debt: delay added above target by waiting for (and stretching speech towards) late packets
     * while ticks came on time, in nanoseconds. Only this is accelerated away during speech; an excess a
     * playout stall left, or a fallen target, is dropped in pauses as at fixed speed.
     */
    private long debt;
    private boolean polled;
    private long lastPollNanos;
    private int ticksSinceStall = CALM_TICKS;
    /** Ticks since the playout thread last stalled, up to a window's worth. */
    private long ticksSinceStallLong = Long.MAX_VALUE / 2;
    private final long windowTicks;
    private int stretchBudget;
    private int gapStretchTicks;
    /** Ticks played while holding the cursor for a missing packet, and how many of them concealed. */
    private long waited;
    private long waitConcealed;
    /** Ticks since the wait began; past {@link #giveUpTicks} a wait that had nothing come is undone. */
    private long waitAge;
    private final long giveUpTicks;
    /** A wait was given up in the current gap: no new one until a packet plays. */
    private boolean waitGivenUp;

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
    private long acceleratedSamples;
    private long stretchedSamples;
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
        this.giveUpTicks = 2 * maxDelay / FRAME;
        this.windowTicks = config.windowMillis() * 1_000_000L / FRAME;
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
        addDelay(slot, arrivalNanos);
        return OfferResult.BUFFERED;
    }

    /**
     * Counts a packet's relative delay towards the target, unless it is later than the largest delay the
     * buffer may take: no target would play such a packet in time (one that plays anyway came before
     * playout started, or while it waited), and counted it would only push the target to its cap for a
     * whole window. A relay that held a packet back across a pause delivers it seconds late.
     */
    private void addDelay(long slot, long arrivalNanos) {
        long relative = arrivalNanos - slot * FRAME;
        if (window.isEmpty() || relative - window.min() <= maxDelay) {
            window.add(arrivalNanos, relative);
        }
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
     * @return what the newest audio in the frame is (with time stretching a frame can hold the end of
     *         one slot's audio and the start of the next); {@link PlayoutKind#SILENCE} only when it is all zeros
     */
    public PlayoutKind poll(long nowNanos, short[] out) {
        Pcm.requireFrame(out);
        window.expire(nowNanos);
        refreshTarget();
        if (!anchored) {
            return silence(out);
        }
        boolean stalled = polled && nowNanos - lastPollNanos > STALL_GAP;
        ticksSinceStall = stalled ? 0 : Math.min(CALM_TICKS, ticksSinceStall + 1);
        ticksSinceStallLong = stalled ? 0 : ticksSinceStallLong + 1;
        polled = true;
        lastPollNanos = nowNanos;
        // the queued audio plays before the cursor's slot does
        long measured = nowNanos - cursor * FRAME + nanos(queued());
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
        if (config.timeStretching()) {
            stretchBudget = Math.min(TimeStretcher.MAX_PERIOD, stretchBudget + STRETCH_PER_TICK);
        }
        PlayoutKind kind = fill();
        System.arraycopy(pcm, HISTORY, out, 0, Pcm.FRAME_SAMPLES);
        // what was just played becomes the newest history; the oldest history goes
        System.arraycopy(pcm, Pcm.FRAME_SAMPLES, pcm, 0, end - Pcm.FRAME_SAMPLES);
        end -= Pcm.FRAME_SAMPLES;
        return kind;
    }

    /** The playout delay the buffer aims for, in milliseconds. */
    public int targetDelayMillis() {
        return (int) (target / 1_000_000L);
    }

    /**
     * The playout delay as of the last tick: playout time minus the earliest arrival in the window, audio
     * decoded and queued included; not counting a wait for a missing packet that is undone if a later
     * packet comes first.
     */
    public int currentDelayMillis() {
        return anchored ? (int) ((offset - reference - waited * FRAME) / 1_000_000L) : 0;
    }

    /** Packets waiting to be played. */
    public int bufferedPackets() {
        return buffered;
    }

    public JitterStats stats() {
        return new JitterStats(received, decoded, late, duplicates, lost, concealed, fecRecovered, silent,
                grown, shrunk, corrupt, resyncs, skipped, firstIndex, highestIndex, targetDelayMillis(),
                currentDelayMillis(), jitter / 1_000_000.0, acceleratedSamples * Pcm.FRAME_MILLIS / Pcm.FRAME_SAMPLES,
                stretchedSamples * Pcm.FRAME_MILLIS / Pcm.FRAME_SAMPLES);
    }

    /**
     * Makes sure a frame's worth is queued: plays the cursor's slot into the queue (or stretches the
     * queued speech while the slot's packet is late), then speeds speech up or slows it down.
     *
     * @return what the newest audio of the coming frame is; a silent slot after queued sound counts as
     *         that sound, so a frame that is not all zeros is never called silence
     */
    private PlayoutKind fill() {
        PlayoutKind kind = tailKind;
        settleWait();
        if (waited > 0) {
            waitAge++;
        }
        if (queued() < Pcm.FRAME_SAMPLES) {
            if (stretchIntoGap()) {
                return tailKind;
            }
            PlayoutKind before = tailKind;
            int leftover = queued();
            kind = playCursor(slack(), frame, true);
            append(kind);
            if (kind == PlayoutKind.SILENCE && leftover > 0) {
                kind = before;
            }
        }
        if (config.timeStretching() && tailKind.isFromPacket()) {
            long delay = offset - reference;
            debt = Math.max(0, Math.min(debt, delay - minDelay));
            long excess = delay - target;
            if (excess > ACCELERATE_ABOVE && debt > ACCELERATE_UNTIL) {
                accelerating = true;
            } else if (excess <= ACCELERATE_UNTIL || debt == 0) {
                accelerating = false;
            }
            if (accelerating) {
                accelerate(target + Math.min(excess, debt));
            } else if (slack() < target && slotAt[ring(cursor)] != cursor && classifyGap() != Gap.SILENCE) {
                stretch();
            }
        }
        return kind;
    }

    /**
     * How long the cursor's packet may still take to arrive: the playout delay less the part of a frame
     * queued beyond whole frames, since the cursor is decoded as soon as the queue runs short of a frame.
     * This, not the delay, is what the target protects; the two differ by less than a frame.
     */
    private long slack() {
        return offset - reference - nanos(queued() % Pcm.FRAME_SAMPLES);
    }

    /**
     * Removes one pitch period, decoding the next packet first when the queue is too short to find one
     * in. A removal that makes the cursor due a tick earlier is allowed only while the slack stays at
     * the target, or accelerating would make packets late.
     */
    private void accelerate(long delay) {
        if (stretchBudget < TimeStretcher.MIN_PERIOD) {
            return;
        }
        boolean frameToSpare = slack() - FRAME >= target;
        int i = ring(cursor);
        if (frameToSpare && queued() < 2 * Pcm.FRAME_SAMPLES && slotAt[i] == cursor) {
            append(playPacket(i, frame));
            if (!tailKind.isFromPacket()) {
                return;
            }
        }
        long most = Math.min(Math.min(stretchBudget, queued() - Pcm.FRAME_SAMPLES), samples(delay - target));
        if (!frameToSpare) {
            most = Math.min(most, queued() % Pcm.FRAME_SAMPLES);
        }
        int removed = stretcher.compress(pcm, 0, HISTORY, end, (int) most);
        debt = Math.max(0, debt - nanos(removed));
        end -= removed;
        stretchBudget -= removed;
        acceleratedSamples += removed;
        offset -= nanos(removed);
    }

    /**
     * Below target, with the next packet not here yet: repeats one pitch period of the queued speech,
     * growing the buffer a few milliseconds before that packet is due rather than concealing when it is.
     */
    private void stretch() {
        if (stretchBudget < TimeStretcher.MIN_PERIOD) {
            return;
        }
        int inserted = stretcher.expand(pcm, 0, HISTORY, end, pcm.length, stretchBudget);
        stretchBudget -= inserted;
        grow(inserted);
        owe(nanos(inserted), false);
    }

    /**
     * The cursor's packet is missing but may still come (the buffer is below target, or nothing after it
     * has arrived): play the queued speech longer, by up to {@link #GAP_INSERTS} periods, instead of
     * concealing. False when that does not fill the frame (nothing queued to stretch, no good splice, or
     * waited long enough already).
     */
    private boolean stretchIntoGap() {
        if (!config.timeStretching() || !tailKind.isFromPacket() || gapStretchTicks >= MAX_GAP_STRETCH_TICKS
                || slotAt[ring(cursor)] == cursor || classifyGap() == Gap.SILENCE || (slack() >= target && !mayWait())) {
            return false;
        }
        boolean aboveTarget = slack() >= target;
        for (int n = 0; n < GAP_INSERTS && queued() < Pcm.FRAME_SAMPLES; n++) {
            int inserted = stretcher.expand(pcm, 0, HISTORY, end, pcm.length, TimeStretcher.MAX_PERIOD);
            if (inserted == 0) {
                break;
            }
            grow(inserted);
            owe(nanos(inserted), aboveTarget);
        }
        if (queued() < Pcm.FRAME_SAMPLES) {
            return false; // what was stretched plays first, then concealment
        }
        gapStretchTicks++;
        return true;
    }

    /**
     * Counts delay just added as stretch debt if the network caused it: a wait or stretch above target
     * while ticks come on time, or growth towards a target that no playout stall within the window raised.
     */
    private void owe(long nanos, boolean aboveTarget) {
        if (aboveTarget ? onTime() : ticksSinceStallLong > windowTicks) {
            debt += nanos;
        }
    }

    /** Whether the last few ticks came on time, so a missing packet is the network's doing. */
    private boolean onTime() {
        return ticksSinceStall >= CALM_TICKS;
    }

    private void grow(int inserted) {
        end += inserted;
        stretchedSamples += inserted;
        offset += nanos(inserted);
    }

    private void append(PlayoutKind kind) {
        System.arraycopy(frame, 0, pcm, end, Pcm.FRAME_SAMPLES);
        end += Pcm.FRAME_SAMPLES;
        tailKind = kind;
    }

    private int queued() {
        return end - HISTORY;
    }

    private static long nanos(long samples) {
        return samples * FRAME / Pcm.FRAME_SAMPLES;
    }

    private static long samples(long nanos) {
        return Math.max(0, nanos * Pcm.FRAME_SAMPLES / FRAME);
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
        Gap gap = classifyGap();
        if (gap == Gap.LOSS && waited > 0 && waitAge >= giveUpTicks) {
            depth -= giveUpWait();
        }
        return switch (gap) {
            case FEC -> recover(out);
            case LOSS -> depth >= target && mayWait() ? waitFor(out)
                    : concealRun < config.maxConcealFrames() ? conceal(depth, out) : silentSlot(depth, out, mayShrink);
            case SILENCE -> silentSlot(depth, out, mayShrink);
        };
    }

    /**
     * Whether a missing packet may be waited for although the buffer is at its target: nothing after it
     * has arrived (so it may be late rather than lost: the network stalled), and waiting another frame
     * keeps the delay within {@code maxDelayMillis} (within {@link #MAX_WAIT} of the target right after
     * the playout thread stalled). Only with time stretching, which sheds the delay again if the packet comes.
     */
    private boolean mayWait() {
        long limit = onTime() ? maxDelay : Math.min(maxDelay, target + MAX_WAIT);
        return config.timeStretching() && !waitGivenUp && nextBufferedSlot() == EMPTY
                && offset - reference + FRAME <= limit;
    }

    /**
     * Plays what a loss would (concealment, then silence) but holds the cursor, for now: if the packet
     * comes it plays late instead of being dropped; if a later packet comes first, {@link #settleWait}
     * moves the cursor on as if it had never waited.
     */
    private PlayoutKind waitFor(short[] out) {
        PlayoutKind kind;
        if (concealRun < config.maxConcealFrames()) {
            kind = previousKind = concealNow(out);
            waitConcealed++;
        } else {
            kind = silence(out);
        }
        waited++;
        offset += FRAME;
        owe(FRAME, true);
        return kind;
    }

    /**
     * A wait that has run out (the delay reached its maximum and nothing came) is undone: the cursor
     * moves on over the slots it held, as if it had never waited. Whatever comes later is late, as it
     * would have been without the wait; kept, the wait would stay as delay the target never asked for
     * (the talker had just gone quiet, and the path changed before they spoke again).
     *
     * @return the delay given back, in nanoseconds
     */
    private long giveUpWait() {
        long back = waited * FRAME;
        cursor += waited;
        offset -= back;
        debt = Math.max(0, debt - back);
        lost += waitConcealed;
        waited = 0;
        waitConcealed = 0;
        waitAge = 0;
        waitGivenUp = true;
        return back;
    }

    /**
     * Ends a wait once something has arrived: the awaited packet (the wait paid off and its delay stays,
     * for acceleration to shed), or a later one (the awaited packet was lost, or the talker went silent):
     * then the waited ticks count as the slots they covered, so a loss costs no delay.
     */
    private void settleWait() {
        if (waited == 0) {
            return;
        }
        if (slotAt[ring(cursor)] == cursor) {
            grown += waited;
        } else {
            long next = nextBufferedSlot();
            if (next == EMPTY) {
                return;
            }
            long covered = Math.min(waited, next - cursor);
            cursor += covered;
            offset -= covered * FRAME;
            debt = Math.max(0, debt - covered * FRAME);
            lost += Math.min(covered, waitConcealed);
            grown += waited - covered;
        }
        waited = 0;
        waitConcealed = 0;
        waitAge = 0;
    }

    private PlayoutKind playPacket(int i, short[] out) {
        PlayoutKind kind;
        try {
            decoder.decode(dataAt[i], 0, lengthAt[i], out);
            decoded++;
            concealRun = 0;
            gapStretchTicks = 0;
            waitGivenUp = false;
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
            owe(FRAME, false);
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
            owe(FRAME, false);
            return silence(out);
        }
        // (not while waiting for a packet: that wait is undone anyway if the gap turns out silent)
        if (mayShrink && waited == 0 && depth >= target + SHRINK_MARGIN
                && ticksSinceShrink >= config.shrinkIntervalFrames()) {
            shrunk++;
            ticksSinceShrink = 0;
            debt = Math.max(0, debt - FRAME);
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
        addDelay(slot, arrivalNanos);
        long behind = cursor + waited - slot; // ticks spent waiting for a packet are playout time too
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
        // the queue's audio, and what the decoder played last, belong to the old timeline
        Arrays.fill(pcm, (short) 0);
        end = HISTORY;
        tailKind = PlayoutKind.SILENCE;
        accelerating = false;
        debt = 0;
        gapStretchTicks = 0;
        waited = 0;
        waitConcealed = 0;
        waitAge = 0;
        waitGivenUp = false;
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
