package dev.parley.common.media;

/**
 * Which clean-ups run on a microphone's sound before it is sent: echo cancellation (removes what
 * the speaker plays and the microphone picks up again, so others do not hear themselves), noise
 * suppression (fans, keyboards, traffic) and automatic gain (a quiet or distant talker is brought
 * up to a normal level). A live microphone has all three on by default; a file played into a call
 * has none, as it carries no room and no echo.
 *
 * @param echoCancellation remove the echo of what the speaker plays
 * @param noiseSuppression suppress steady background noise
 * @param automaticGain    bring the voice to a steady level
 */
public record AudioProcessing(boolean echoCancellation, boolean noiseSuppression, boolean automaticGain) {
    /** Everything on: the default for a microphone. */
    public static final AudioProcessing ALL = new AudioProcessing(true, true, true);
    /** Everything off: the sound is sent as captured. */
    public static final AudioProcessing NONE = new AudioProcessing(false, false, false);

    /** Whether any clean-up runs. */
    public boolean any() {
        return echoCancellation || noiseSuppression || automaticGain;
    }

    public AudioProcessing withEchoCancellation(boolean on) {
        return new AudioProcessing(on, noiseSuppression, automaticGain);
    }

    public AudioProcessing withNoiseSuppression(boolean on) {
        return new AudioProcessing(echoCancellation, on, automaticGain);
    }

    public AudioProcessing withAutomaticGain(boolean on) {
        return new AudioProcessing(echoCancellation, noiseSuppression, on);
    }
}
