package dev.parley.common.media;

/** Decodes interleaved little-endian WAV samples of one {@link WavFormat} into mono floats (1.0 = full scale). */
final class SampleConverter {
    private final WavFormat format;
    private final int bytesPerSample;
    private final int channels;

    SampleConverter(WavFormat format) {
        this.format = format;
        this.bytesPerSample = format.bitsPerSample() / 8;
        this.channels = format.channels();
    }

    /** Converts {@code frames} sample frames from {@code raw}, averaging the channels. */
    void toMono(byte[] raw, int frames, float[] out) {
        float scale = 1f / channels;
        int p = 0;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(raw, p);
                p += bytesPerSample;
            }
            out[f] = sum * scale;
        }
    }

    private float sample(byte[] b, int p) {
        if (format.encoding() == WavFormat.Encoding.FLOAT) {
            if (bytesPerSample == 4) {
                return Float.intBitsToFloat(le32(b, p));
            }
            return (float) Double.longBitsToDouble((le32(b, p) & 0xFFFF_FFFFL) | (long) le32(b, p + 4) << 32);
        }
        return switch (bytesPerSample) {
            case 1 -> ((b[p] & 0xFF) - 128) / 128f; // 8-bit WAV is unsigned
            case 2 -> (short) ((b[p] & 0xFF) | b[p + 1] << 8) / 32768f;
            case 3 -> ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | b[p + 2] << 16) / 8388608f;
            default -> (float) (le32(b, p) / 2147483648.0);
        };
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }
}
