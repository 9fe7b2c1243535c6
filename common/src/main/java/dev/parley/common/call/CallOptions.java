package dev.parley.common.call;

import java.time.Duration;

/**
 * Tunables of a call session. {@link #defaults()} follows PROTOCOL.md section 7 and the measured
 * facts of the audio path; tests shorten the timers.
 *
 * @param initialBitrate     Opus target at the start, bit/s (16,000..64,000)
 * @param minBitrate         floor of bitrate adaptation
 * @param maxBitrate         ceiling of bitrate adaptation
 * @param complexity         Opus complexity 0..10
 * @param rotationInterval   periodic sender-key rotation
 * @param switchDelay        how long the old key stays in use after a KeyRotate is sent
 * @param joinDebounce       minimum spacing of rotations caused by joins
 * @param keyRetention       a key is erased this long after a newer key from the same sender decrypted a packet
 * @param reconnectInitial   first reconnect backoff
 * @param reconnectMax       largest reconnect backoff
 * @param reconnectGiveUp    stop trying after this long without a connection
 * @param receiveLossRate    testing only: fraction of incoming datagrams dropped on purpose, 0 in production
 */
public record CallOptions(int initialBitrate, int minBitrate, int maxBitrate, int complexity,
                          Duration rotationInterval, Duration switchDelay, Duration joinDebounce,
                          Duration keyRetention, Duration reconnectInitial, Duration reconnectMax,
                          Duration reconnectGiveUp, double receiveLossRate) {
    public static final int MIN_BITRATE = 16_000;
    public static final int MAX_BITRATE = 64_000;

    public CallOptions {
        if (minBitrate < MIN_BITRATE || maxBitrate > MAX_BITRATE || minBitrate > maxBitrate
                || initialBitrate < minBitrate || initialBitrate > maxBitrate) {
            throw new IllegalArgumentException("bitrates must satisfy 16000 <= min <= initial <= max <= 64000");
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be 0..10");
        }
        if (receiveLossRate < 0 || receiveLossRate >= 1) {
            throw new IllegalArgumentException("receiveLossRate must be in [0, 1)");
        }
    }

    public static CallOptions defaults() {
        return new CallOptions(32_000, MIN_BITRATE, MAX_BITRATE, 5,
                Duration.ofMinutes(5), Duration.ofMillis(300), Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMinutes(2), 0.0);
    }

    public CallOptions withInitialBitrate(int bitrate) {
        return new CallOptions(bitrate, minBitrate, maxBitrate, complexity, rotationInterval, switchDelay,
                joinDebounce, keyRetention, reconnectInitial, reconnectMax, reconnectGiveUp, receiveLossRate);
    }

    public CallOptions withRotationInterval(Duration interval) {
        return new CallOptions(initialBitrate, minBitrate, maxBitrate, complexity, interval, switchDelay,
                joinDebounce, keyRetention, reconnectInitial, reconnectMax, reconnectGiveUp, receiveLossRate);
    }

    public CallOptions withReceiveLossRate(double rate) {
        return new CallOptions(initialBitrate, minBitrate, maxBitrate, complexity, rotationInterval, switchDelay,
                joinDebounce, keyRetention, reconnectInitial, reconnectMax, reconnectGiveUp, rate);
    }
}
