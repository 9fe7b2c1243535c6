package dev.parley.common.call;

import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSink;
import dev.parley.common.media.AudioSource;
import dev.parley.common.media.Pcm;
import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.crypto.MediaOpenResult;
import dev.parley.common.crypto.ReplayWindow;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.domain.PeerId;
import dev.parley.common.media.AudioMixer;
import dev.parley.common.media.JitterBuffer;
import dev.parley.common.media.OfferResult;
import dev.parley.common.wire.MediaDatagrams;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The receive thread, on a 20 ms playout clock (the sink's, when it paces itself): opens queued
 * datagrams (header checks, key lookup, AEAD, replay window), feeds each sender's jitter buffer,
 * plays one frame per sender, mixes them with per-peer volume and a limiter into the sink, and hands
 * what a speaker plays to the audio processor as the echo canceller's reference. Once a second it
 * sends a ReceiverReport per sender and a StatsReport, adapts our bitrate and publishes statistics;
 * ten times a second it publishes speaking levels. The audio processor is closed when this loop ends.
 */
final class AudioReceiveLoop {
    private static final System.Logger LOG = System.getLogger(AudioReceiveLoop.class.getName());
    private static final int QUEUE = 2048;
    private static final int TICKS_PER_REPORT = 50;
    private static final int TICKS_PER_LEVEL = 5;

    private record Inbound(Membership membership, byte[] datagram, long arrival) {
    }

    private final CallOptions options;
    private final CallCounters counters;
    private final Supplier<Membership> membership;
    private final CallEvents events;
    private final Consumer<ControlMessage> reports;
    private final AtomicReference<AudioSink> sink;
    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE);
    private final PacketOpener opener;
    private final BitrateController bitrate;
    private final Optional<String> relayFingerprint;
    private final AudioProcessor processor;
    private volatile boolean running = true;
    private volatile long rttMs = -1;
    private AudioSendLoop sendLoop;
    private VideoReports video = VideoReports.NONE;
    private Thread thread;

    AudioReceiveLoop(AudioSink sink, CallOptions options, CallCounters counters, Supplier<Membership> membership,
                     CallEvents events, Consumer<ControlMessage> reports, Optional<String> relayFingerprint,
                     AudioProcessor processor) {
        this.relayFingerprint = relayFingerprint;
        this.processor = processor;
        this.sink = new AtomicReference<>(sink);
        this.options = options;
        this.counters = counters;
        this.membership = membership;
        this.events = events;
        this.reports = reports;
        this.opener = new PacketOpener(counters, peer -> peer.pending);
        this.bitrate = new BitrateController(options.initialBitrate(), options.minBitrate(), options.maxBitrate());
    }

    void start(AudioSendLoop sender, VideoReports video) {
        this.sendLoop = sender;
        this.video = video;
        thread = new Thread(this::run, "parley-audio-receive");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Stops after the current frame; not by interrupt, which would close the file channel of a WAV sink. */
    void stop() {
        running = false;
    }

    void switchSink(AudioSink next) {
        AudioSink old = sink.getAndSet(next);
        if (old != null && old != next) {
            old.close();
        }
    }

    /** Called on the connection's delivery thread: stamp and queue, never block. */
    void enqueue(Membership m, byte[] datagram, long arrival) {
        if (!queue.offer(new Inbound(m, datagram, arrival))) {
            counters.increment(Reason.DATAGRAM_QUEUE_FULL);
        }
    }

    private void run() {
        short[] frame = new short[AudioSource.FRAME_SAMPLES];
        short[] mix = new short[AudioSource.FRAME_SAMPLES];
        AudioMixer mixer = new AudioMixer();
        FrameClock clock = new FrameClock(System.nanoTime());
        List<Inbound> drained = new ArrayList<>();
        long tick = 0;
        long lastReport = System.nanoTime();
        try {
            while (running) {
                AudioSink out = sink.get();
                long now = (out != null && out.paced()) ? System.nanoTime() : clock.awaitNext();
                Membership m = membership.get();
                drained.clear();
                queue.drainTo(drained);
                for (Inbound in : drained) {
                    if (in.membership() == m) {
                        PacketOpener.Opened o = opener.open(m, in.datagram(), in.arrival(), now);
                        if (o != null) {
                            play(o);
                        }
                    }
                }
                if (m != null) {
                    for (RemotePeer peer : m.peers.values()) {
                        opener.releaseHeld(m, peer, now, this::play);
                        if (peer.audio != null && peer.audio.play(now, frame)) {
                            mixer.add(frame, peer.volume);
                        }
                        peer.level = peer.audio == null ? 0 : peer.audio.level.level();
                    }
                }
                mixer.mixInto(mix);
                if (out != null) {
                    write(out, mix);
                }
                tick++;
                if (m != null && tick % TICKS_PER_LEVEL == 0) {
                    publishLevels(m);
                }
                if (tick % TICKS_PER_REPORT == 0) {
                    long t = System.nanoTime();
                    if (m != null && m.phase == Membership.Phase.IN_CALL) {
                        try {
                            report(m, (t - lastReport) / 1e9, t);
                        } catch (RuntimeException e) {
                            // statistics are not worth the call: log and keep playing
                            LOG.log(System.Logger.Level.WARNING, "statistics report failed", e);
                        }
                    }
                    lastReport = t;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the audio receive loop failed", e);
            events.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, "Playing audio failed: " + e.getMessage()));
        } finally {
            AudioSink s = sink.getAndSet(null);
            if (s != null) {
                s.close();
            }
            processor.close();
        }
    }

    private void write(AudioSink out, short[] mix) {
        try {
            out.write(mix);
            if (out.paced() && processor != AudioProcessor.NONE) {
                // a device: what it plays may come back through the microphone; a file never does.
                // Its queue holds this frame too, whose start is heard a frame earlier than the end.
                processor.farEnd(mix, Math.max(0, out.queuedMillis() - Pcm.FRAME_MILLIS));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the speaker failed: {0}", e.getMessage());
            sink.compareAndSet(out, null);
            out.close();
            events.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL,
                    "The speaker stopped working: " + e.getMessage()));
        }
    }

    /** An opened datagram: audio goes to its sender's jitter buffer; video never comes here. */
    private void play(PacketOpener.Opened o) {
        MediaHeader h = o.header();
        if (h.kind() != MediaKind.AUDIO) {
            return;
        }
        RemotePeer peer = o.peer();
        peer.arrivals.onPacket(h.packetIndex(), h.timestamp(), o.arrival(), h.datagramLength());
        if (peer.audio == null || peer.audio.ssrc != h.ssrc()) {
            peer.audio = new PeerAudio(h.ssrc());
        }
        OfferResult result = peer.audio.jitter.offer(h.packetIndex(), h.timestamp(), o.arrival(), o.buffer(), o.offset(),
                o.length());
        if (result == OfferResult.LATE) {
            counters.increment(Reason.DATAGRAM_LATE);
        } else if (result == OfferResult.DUPLICATE) {
            counters.increment(Reason.DATAGRAM_DUPLICATE);
        }
    }

    private static double expected(ArrivalStats.Interval i) {
        return i.lossFraction() >= 1 ? 0 : i.packets() / (1 - i.lossFraction());
    }

    /**
     * A jitter buffer's playout delay as reports carry it: never negative. The buffer's estimate (a
     * smoothed playout offset minus the window's earliest arrival) dips below zero for a moment when
     * the transit delay steps up after a silence longer than its window; the ReceiverReport field is
     * unsigned and refuses it, which used to end this thread and leave the call silent.
     */
    static int bufferDepthMillis(JitterBuffer jitter) {
        return Math.max(0, jitter.currentDelayMillis());
    }

    private void publishLevels(Membership m) {
        Map<PeerId, Double> levels = new HashMap<>();
        for (RemotePeer p : m.peers.values()) {
            if (p.isVerified()) {
                levels.put(p.id, p.level);
            }
        }
        events.on(new CallEvent.SpeakingLevels(levels, sendLoop == null ? 0 : sendLoop.level()));
    }

    private void report(Membership m, double seconds, long now) {
        m.connection.pathStats().thenAccept(ps -> rttMs = ps.rttNanos() / 1_000_000L);
        List<VideoStreamStats> videoIn = video.closeReceiveIntervals(seconds);
        List<PeerStats> peerStats = new ArrayList<>();
        double worstLossForUs = 0;
        double lossSum = 0;
        double jitterSum = 0;
        long bitrateIn = 0;
        int counted = 0;
        for (RemotePeer p : m.peers.values()) {
            p.keys.expire(now);
            if (!p.isVerified()) {
                continue;
            }
            worstLossForUs = Math.max(worstLossForUs, p.lossReportedForUs);
            ArrivalStats.Interval audio = p.arrivals.closeInterval(seconds);
            ArrivalStats.Interval interval = combine(audio, video.receiveIntervals(p.id));
            int depth = p.audio == null ? 0 : bufferDepthMillis(p.audio.jitter);
            if (interval.packets() > 0) {
                reports.accept(new ControlMessage.ReceiverReport(m.ownPeerId, p.id, interval.lossFraction(),
                        interval.jitterMs(), depth));
                lossSum += interval.lossFraction();
                jitterSum += interval.jitterMs();
                counted++;
            }
            bitrateIn += interval.bitrate();
            peerStats.add(new PeerStats(p.id, interval.lossFraction(), interval.jitterMs(), depth, interval.bitrate(),
                    p.keys.highestAccepted(), p.lossReportedForUs));
        }
        boolean sendingVideo = video.sending();
        // audio keeps at least 32 kbit/s whatever video does (and enough for Opus in-band FEC)
        bitrate.setFloor(sendingVideo ? BitrateController.FEC_FLOOR : options.minBitrate());
        int target = bitrate.update(worstLossForUs, rttMs);
        video.adapt(worstLossForUs, rttMs);
        List<VideoSendStats> videoOut = video.sendStats(seconds);
        if (sendLoop != null) {
            sendLoop.setTarget(target, BitrateController.expectedLossPercent(worstLossForUs));
        }
        long bitrateOut = sendLoop == null ? 0 : Math.round(sendLoop.takeBytesSent() * 8 / seconds);
        reports.accept(new ControlMessage.StatsReport(Math.max(0, rttMs), counted == 0 ? 0 : lossSum / counted,
                counted == 0 ? 0 : jitterSum / counted, bitrateIn, bitrateOut));
        SendingKeys.Entry<MediaCipher> current = m.sendingKeys.current(System.nanoTime());
        Instant lastRotation = m.lastRotation;
        events.on(new CallEvent.StatsUpdated(new CallStats(Math.max(0, rttMs), bitrateOut, target,
                current == null ? -1 : current.keyId(), lastRotation, relayFingerprint, peerStats, videoOut, videoIn,
                processor.stats())));
    }

    /**
     * One sender's figures for its ReceiverReport: loss over all its streams (audio and video packets
     * alike: congestion does not care which), jitter and bitrate from audio plus the video bytes.
     */
    static ArrivalStats.Interval combine(ArrivalStats.Interval audio, List<ArrivalStats.Interval> video) {
        if (video.isEmpty()) {
            return audio;
        }
        double expected = expected(audio);
        double received = audio.packets();
        long bitrate = audio.bitrate();
        for (ArrivalStats.Interval v : video) {
            expected += expected(v);
            received += v.packets();
            bitrate += v.bitrate();
        }
        double loss = expected <= 0 ? 0 : Math.max(0, Math.min(1, (expected - received) / expected));
        return new ArrivalStats.Interval(loss, audio.jitterMs(), bitrate, Math.round(received));
    }
}
