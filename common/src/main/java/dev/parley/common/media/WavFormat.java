package dev.parley.common.media;

/**
 * The sample format of a WAV file's data chunk.
 *
 * @param encoding       integer PCM or IEEE float
 * @param channels       interleaved channels, 1..32
 * @param sampleRate     samples per second per channel
 * @param bitsPerSample  container bits per sample: 8, 16, 24 or 32 (PCM), 32 or 64 (float)
 * @param dataBytes      length of the data chunk, or -1 when unknown (read to the end of the file)
 */
public record WavFormat(Encoding encoding, int channels, int sampleRate, int bitsPerSample, long dataBytes) {

    /** How samples are stored. */
    public enum Encoding { PCM, FLOAT }

    /** Bytes per sample frame (all channels). */
    public int blockAlign() {
        return channels * bitsPerSample / 8;
    }

    /** True when no conversion is needed: 48 kHz mono 16-bit PCM. */
    public boolean isNative() {
        return encoding == Encoding.PCM && channels == 1 && sampleRate == Pcm.SAMPLE_RATE && bitsPerSample == 16;
    }

    @Override
    public String toString() {
        return (encoding == Encoding.PCM ? bitsPerSample + "-bit PCM" : bitsPerSample + "-bit float")
                + ", " + channels + (channels == 1 ? " channel" : " channels") + ", " + sampleRate + " Hz";
    }
}
