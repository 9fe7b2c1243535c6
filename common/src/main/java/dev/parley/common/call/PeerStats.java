package dev.parley.common.call;

import dev.parley.common.domain.PeerId;

/**
 * Receive-side statistics of one sender, over the last report interval.
 *
 * @param peerId        the sender
 * @param lossFraction  0..1
 * @param jitterMs      RFC 3550 interarrival jitter
 * @param bufferMs      current jitter-buffer depth
 * @param bitrateIn     bit/s received from this sender
 * @param keyId         the newest key id accepted from it, or -1
 * @param remoteLoss    loss this peer reports hearing from us (its ReceiverReport), 0..1
 */
public record PeerStats(PeerId peerId, double lossFraction, double jitterMs, int bufferMs, long bitrateIn,
                        long keyId, double remoteLoss) {
}
