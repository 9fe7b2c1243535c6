package dev.parley.common.media;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What an {@link AudioProcessor} reports once a second.
 *
 * @param settings                      the clean-ups running now ({@link AudioProcessing#NONE} when none)
 * @param echoReturnLossEnhancementDb  how much the echo canceller lowers the echo, in dB (its own
 *                                      running estimate); empty while echo cancellation is off
 * @param echoDelayMillis               the canceller's estimate of the delay from the speaker back into
 *                                      the microphone; empty while echo cancellation is off
 */
public record AudioProcessorStats(AudioProcessing settings, OptionalDouble echoReturnLossEnhancementDb,
                                  OptionalInt echoDelayMillis) {
    /** No processing. */
    public static final AudioProcessorStats NONE = new AudioProcessorStats(AudioProcessing.NONE, OptionalDouble.empty(),
            OptionalInt.empty());

    public AudioProcessorStats {
        settings = settings == null ? AudioProcessing.NONE : settings;
        echoReturnLossEnhancementDb = echoReturnLossEnhancementDb == null ? OptionalDouble.empty()
                : echoReturnLossEnhancementDb;
        echoDelayMillis = echoDelayMillis == null ? OptionalInt.empty() : echoDelayMillis;
    }
}
