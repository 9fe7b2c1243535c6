package dev.parley.common.call;

import dev.parley.common.media.AudioProcessorStats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A once-a-second snapshot of the call.
 *
 * @param rttMs             QUIC round-trip time to the relay
 * @param bitrateOut        bit/s of audio we send
 * @param targetBitrate     the encoder's current target, bit/s
 * @param ownKeyId          our current sending key id
 * @param lastRotation      when our key last changed
 * @param relayFingerprint  SHA-256 of the relay's certificate, 64 hex digits: the link's pin (a pinned
 *                          call connects to nothing else); empty when the trust store verified it
 * @param peers             one entry per sender we hear
 * @param videoOut          one entry per video stream we send
 * @param videoIn           one entry per video stream we receive
 * @param audioProcessing   the microphone's clean-ups and the echo canceller's figures
 */
public record CallStats(long rttMs, long bitrateOut, int targetBitrate, long ownKeyId, Instant lastRotation,
                        Optional<String> relayFingerprint, List<PeerStats> peers, List<VideoSendStats> videoOut,
                        List<VideoStreamStats> videoIn, AudioProcessorStats audioProcessing) {
    public CallStats {
        peers = List.copyOf(peers);
        videoOut = List.copyOf(videoOut);
        videoIn = List.copyOf(videoIn);
        audioProcessing = audioProcessing == null ? AudioProcessorStats.NONE : audioProcessing;
    }

    /** Without audio processing. */
    public CallStats(long rttMs, long bitrateOut, int targetBitrate, long ownKeyId, Instant lastRotation,
                     Optional<String> relayFingerprint, List<PeerStats> peers, List<VideoSendStats> videoOut,
                     List<VideoStreamStats> videoIn) {
        this(rttMs, bitrateOut, targetBitrate, ownKeyId, lastRotation, relayFingerprint, peers, videoOut, videoIn,
                AudioProcessorStats.NONE);
    }

    /** Audio only. */
    public CallStats(long rttMs, long bitrateOut, int targetBitrate, long ownKeyId, Instant lastRotation,
                     Optional<String> relayFingerprint, List<PeerStats> peers) {
        this(rttMs, bitrateOut, targetBitrate, ownKeyId, lastRotation, relayFingerprint, peers, List.of(), List.of());
    }
}
