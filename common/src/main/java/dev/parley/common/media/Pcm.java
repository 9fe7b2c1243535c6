package dev.parley.common.media;

/** The audio frame format shared by the whole call (48 kHz mono 16-bit, 20 ms) and level helpers. */
public final class Pcm {
    public static final int SAMPLE_RATE = 48_000;
    public static final int FRAME_SAMPLES = 960;
    public static final int FRAME_MILLIS = 20;
    public static final long FRAME_NANOS = 20_000_000L;
    /** The level reported for digital silence, in dBFS. */
    public static final double SILENCE_DBFS = -96.0;

    private Pcm() {
    }

    /** RMS of a frame relative to full scale (a full-scale square wave is 1.0). */
    public static double rms(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / frame.length) / 32768.0;
    }

    /** RMS level of a frame in dBFS, floored at {@value #SILENCE_DBFS}. */
    public static double rmsDbfs(short[] frame) {
        return toDbfs(rms(frame));
    }

    /** A linear level (1.0 = full scale) in dBFS, floored at {@value #SILENCE_DBFS}. */
    public static double toDbfs(double linear) {
        return linear <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 20 * Math.log10(linear));
    }

    static void requireFrame(short[] frame) {
        if (frame == null || frame.length != FRAME_SAMPLES) {
            throw new IllegalArgumentException("a frame is " + FRAME_SAMPLES + " samples, got "
                    + (frame == null ? "null" : frame.length));
        }
    }
}
