package dev.parley.common.call;

import dev.parley.common.media.AudioProcessor;
import dev.parley.common.media.AudioSource;
import dev.parley.common.call.CallCounters.Reason;
import dev.parley.common.crypto.MediaCipher;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.domain.MediaKind;
import dev.parley.common.media.LevelMeter;
import dev.parley.common.media.OpusAudioEncoder;
import dev.parley.common.media.OpusEncoderSettings;
import dev.parley.common.wire.MediaDatagrams;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The send thread: takes a 20 ms frame from the source, encodes it with Opus, seals it with the
 * current sender key and sends it as one datagram. Muted sends nothing at all; DTX frames in
 * silence are not sent; nothing is sent while no verified peer could open it. The media timestamp
 * advances in real time across everything not sent, so receivers tell silence from loss. A live
 * source's frames go through the audio processor (echo, noise, gain) first; a file's never do.
 */
final class AudioSendLoop {
    private static final System.Logger LOG = System.getLogger(AudioSendLoop.class.getName());

    private final CallOptions options;
    private final CallCounters counters;
    private final Supplier<Membership> membership;
    private final CallEvents events;
    private final AtomicReference<AudioSource> source;
    private final AudioProcessor processor;
    private final CompletableFuture<Void> sourceEnded = new CompletableFuture<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final LevelMeter ownLevel = new LevelMeter();
    private volatile boolean muted;
    private volatile boolean running = true;
    private volatile int targetBitrate;
    private volatile int expectedLoss;
    private volatile double level;
    private Thread thread;

    AudioSendLoop(AudioSource source, CallOptions options, CallCounters counters, Supplier<Membership> membership,
                  CallEvents events, AudioProcessor processor) {
        this.source = new AtomicReference<>(source);
        this.processor = processor;
        this.options = options;
        this.counters = counters;
        this.membership = membership;
        this.events = events;
        this.targetBitrate = options.initialBitrate();
    }

    void start() {
        thread = new Thread(this::run, "parley-audio-send");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Stops after the current frame; not by interrupt, which would close the file channel of a WAV sink. */
    void stop() {
        running = false;
    }

    void setMuted(boolean muted) {
        this.muted = muted;
    }

    boolean isMuted() {
        return muted;
    }

    void setTarget(int bitrate, int expectedLossPercent) {
        this.targetBitrate = bitrate;
        this.expectedLoss = expectedLossPercent;
    }

    int targetBitrate() {
        return targetBitrate;
    }

    /** Completes when a file source has played to its end. */
    CompletableFuture<Void> sourceEnded() {
        return sourceEnded;
    }

    void switchSource(AudioSource next) {
        AudioSource old = source.getAndSet(next);
        if (old != null && old != next) {
            old.close();
        }
    }

    /** Bytes of datagrams sent since the last call. */
    long takeBytesSent() {
        return bytesSent.getAndSet(0);
    }

    /** Our own speaking level 0..1 (0 while muted). */
    double level() {
        return muted ? 0 : level;
    }

    private void run() {
        short[] frame = new short[AudioSource.FRAME_SAMPLES];
        byte[] packet = new byte[OpusAudioEncoder.MAX_PACKET_BYTES];
        MediaStreamSender sender = new MediaStreamSender(MediaKind.AUDIO, counters);
        OpusAudioEncoder encoder = new OpusAudioEncoder(OpusEncoderSettings.defaults()
                .withBitrate(options.initialBitrate()).withComplexity(options.complexity()));
        long clockStart = System.nanoTime();
        FrameClock clock = new FrameClock(clockStart);
        long timestampBase = (long) (Math.random() * 0x1_0000_0000L);
        long timestamp = timestampBase;
        try {
            AudioSource started = null;
            while (running) {
                AudioSource src = source.get();
                boolean haveFrame = false;
                // A file (any source that is not live) starts once someone can open it: what it
                // would play before that is lost to everyone, its first words included.
                boolean hold = src != null && !src.paced() && src != started;
                if (hold) {
                    Membership m = membership.get();
                    if (m != null && m.aPresentPeerHoldsOurKey(System.nanoTime())) {
                        started = src;
                        hold = false;
                    }
                }
                if (src != null && !hold) {
                    try {
                        haveFrame = src.read(frame);
                        if (!haveFrame) {
                            source.compareAndSet(src, null);
                            src.close();
                            sourceEnded.complete(null);
                        }
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "the microphone failed: {0}", e.getMessage());
                        source.compareAndSet(src, null);
                        src.close();
                        events.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL,
                                "The microphone stopped working: " + e.getMessage()));
                    }
                }
                if (src == null || hold || !src.paced() || !haveFrame) {
                    // On our own clock the timestamp follows the clock, not the frame count: after a
                    // stall the clock skips ahead, and receivers must see that as a gap, not as
                    // every later packet arriving late.
                    long due = clock.awaitNext();
                    timestamp = (timestampBase + (due - clockStart) / FrameClock.FRAME_NANOS * AudioSource.FRAME_SAMPLES)
                            & 0xFFFF_FFFFL;
                } else {
                    timestamp = (timestamp + AudioSource.FRAME_SAMPLES) & 0xFFFF_FFFFL;
                    // keep the clock's origin in step, so that switching to a file source continues from here
                    timestampBase = timestamp;
                    clockStart = System.nanoTime();
                    clock = new FrameClock(clockStart + FrameClock.FRAME_NANOS);
                }
                if (!haveFrame) {
                    level = 0;
                    continue;
                }
                if (src.paced()) {
                    // also while muted or alone: the echo canceller keeps adapting to the room
                    processor.nearEnd(frame);
                }
                ownLevel.update(frame);
                level = ownLevel.level();
                Membership m = membership.get();
                if (muted || m == null || m.phase != Membership.Phase.IN_CALL || !hasVerifiedPeer(m)) {
                    continue;
                }
                sender.bind(m, m.ssrc);
                if (encoder.bitrate() != targetBitrate) {
                    encoder.setBitrate(targetBitrate);
                }
                if (encoder.expectedLossPercent() != expectedLoss) {
                    encoder.setExpectedLossPercent(expectedLoss);
                }
                int length = encoder.encode(frame, packet, 0, packet.length);
                if (encoder.lastWasDtx()) {
                    continue;
                }
                long before = sender.bytesSent();
                if (sender.send(timestamp, packet, 0, length) == MediaStreamSender.Outcome.SENT) {
                    bytesSent.addAndGet(sender.bytesSent() - before);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the audio send loop failed", e);
            events.on(new CallEvent.ConnectionChanged(ConnectionState.IN_CALL, "Sending audio failed: " + e.getMessage()));
        } finally {
            AudioSource src = source.getAndSet(null);
            if (src != null) {
                src.close();
            }
        }
    }

    static boolean hasVerifiedPeer(Membership m) {
        for (RemotePeer p : m.peers.values()) {
            if (p.isVerified()) {
                return true;
            }
        }
        return false;
    }
}
