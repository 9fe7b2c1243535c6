package dev.parley.common.media;

/**
 * One peer's speaking level for the UI: the RMS of each frame in dBFS, smoothed (rises at once, falls
 * by about 20 dB per second) and mapped to 0..1 over -60..0 dBFS, plus a speaking flag with a
 * 300 ms hang-over so it does not flicker between words. Feed it every tick (silence included).
 */
public final class LevelMeter {
    public static final double DEFAULT_SPEAKING_DBFS = -45.0;
    private static final double FLOOR_DBFS = -60.0;
    private static final double FALL_DB_PER_FRAME = 0.4;
    private static final int HANGOVER_FRAMES = 15;

    private final double speakingThresholdDbfs;
    private double lastDbfs = Pcm.SILENCE_DBFS;
    private double smoothedDbfs = Pcm.SILENCE_DBFS;
    private int hangover;

    public LevelMeter() {
        this(DEFAULT_SPEAKING_DBFS);
    }

    public LevelMeter(double speakingThresholdDbfs) {
        this.speakingThresholdDbfs = speakingThresholdDbfs;
    }

    /** Measures one frame (before the listener's volume is applied: this is the talker's level). */
    public void update(short[] frame) {
        lastDbfs = Pcm.rmsDbfs(frame);
        smoothedDbfs = Math.max(lastDbfs, smoothedDbfs - FALL_DB_PER_FRAME);
        if (lastDbfs >= speakingThresholdDbfs) {
            hangover = HANGOVER_FRAMES;
        } else if (hangover > 0) {
            hangover--;
        }
    }

    /** RMS of the last frame in dBFS. */
    public double frameDbfs() {
        return lastDbfs;
    }

    /** The smoothed level in dBFS. */
    public double levelDbfs() {
        return smoothedDbfs;
    }

    /** The smoothed level mapped to 0..1 (-60 dBFS and below is 0, full scale is 1). */
    public double level() {
        return Math.max(0, Math.min(1, (smoothedDbfs - FLOOR_DBFS) / -FLOOR_DBFS));
    }

    public boolean speaking() {
        return hangover > 0;
    }
}
