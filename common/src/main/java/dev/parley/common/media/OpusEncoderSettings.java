package dev.parley.common.media;

/**
 * Start-up settings of an {@link OpusAudioEncoder}. Bitrate and expected loss can also change at run
 * time; complexity, FEC and DTX are fixed for the encoder's life.
 *
 * @param bitrateBps          target bitrate, {@value #MIN_BITRATE}..{@value #MAX_BITRATE} bit/s
 * @param complexity          0..10; 5 costs about 0.5 ms of one core per frame (FACTS.md), 10 about 0.8 ms
 * @param expectedLossPercent 0..100, how much in-band FEC redundancy the encoder spends
 * @param inbandFec           whether packets carry a low-bitrate copy of the previous frame
 * @param dtx                 whether silence is coded as tiny packets the sender may skip
 */
public record OpusEncoderSettings(int bitrateBps, int complexity, int expectedLossPercent,
                                  boolean inbandFec, boolean dtx) {
    public static final int MIN_BITRATE = 16_000;
    public static final int MAX_BITRATE = 64_000;

    public OpusEncoderSettings {
        checkBitrate(bitrateBps);
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be in 0..10, got " + complexity);
        }
        checkLoss(expectedLossPercent);
    }

    /** 32 kbit/s, complexity 5, 0 % expected loss, FEC and DTX on. */
    public static OpusEncoderSettings defaults() {
        return new OpusEncoderSettings(32_000, 5, 0, true, true);
    }

    public OpusEncoderSettings withBitrate(int bps) {
        return new OpusEncoderSettings(bps, complexity, expectedLossPercent, inbandFec, dtx);
    }

    public OpusEncoderSettings withComplexity(int value) {
        return new OpusEncoderSettings(bitrateBps, value, expectedLossPercent, inbandFec, dtx);
    }

    public OpusEncoderSettings withExpectedLossPercent(int percent) {
        return new OpusEncoderSettings(bitrateBps, complexity, percent, inbandFec, dtx);
    }

    static void checkBitrate(int bps) {
        if (bps < MIN_BITRATE || bps > MAX_BITRATE) {
            throw new IllegalArgumentException(
                    "bitrate must be in " + MIN_BITRATE + ".." + MAX_BITRATE + " bit/s, got " + bps);
        }
    }

    static void checkLoss(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("expected loss must be in 0..100 %, got " + percent);
        }
    }
}
