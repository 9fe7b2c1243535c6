package dev.parley.common.video;

/**
 * A synthetic video source for tests and the headless client: scrolling colour bars, a colour
 * gradient, a zone plate and a checkerboard (fine detail that gives a codec work), a bouncing box,
 * and the frame number in a {@link FrameNumberStrip} along the bottom. Nothing is random:
 * {@link #pictureFor} gives the same picture for the same frame number and size, so a receiver
 * can regenerate the frame it decoded and measure the coding loss.
 *
 * <p>{@link #next()} paces itself in real time on its own clock: frame {@code n} is due
 * {@code n / frameRate} seconds after the first call. After a stall (the caller came back more than
 * a frame late) it skips to the newest due frame instead of catching up in a burst, so frame
 * numbers then jump: a frame's number is always its slot on the clock. With a frame limit,
 * {@code next()} returns null once that many pictures have been delivered; after {@link #close()}
 * it returns null at once, waking a caller that waits.
 *
 * <p>Configure it with the {@code with...} methods (each returns a new, unstarted source), then
 * call {@link #next()} from one thread; {@link #close()} may come from any thread.
 */
public final class TestPattern implements VideoSource {
    public static final int DEFAULT_WIDTH = VideoSettings.CAMERA_WIDTH;
    public static final int DEFAULT_HEIGHT = VideoSettings.CAMERA_HEIGHT;
    public static final int DEFAULT_FRAME_RATE = 15;
    /** No frame limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final int[] BARS = {
            0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};

    private final int width;
    private final int height;
    private final int frameRate;
    private final VideoStreamKind kind;
    private final long frameLimit;

    private final FrameClock clock;
    private long delivered;

    /** A 640x360 camera stream at 15 fps without a frame limit. */
    public TestPattern() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FRAME_RATE, VideoStreamKind.CAMERA, UNLIMITED);
    }

    private TestPattern(int width, int height, int frameRate, VideoStreamKind kind, long frameLimit) {
        if (width < FrameNumberStrip.MIN_WIDTH || height < FrameNumberStrip.MIN_HEIGHT
                || width > Picture.MAX_SIDE || height > Picture.MAX_SIDE) {
            throw new IllegalArgumentException("a test pattern is " + FrameNumberStrip.MIN_WIDTH + "x"
                    + FrameNumberStrip.MIN_HEIGHT + " to " + Picture.MAX_SIDE + "x" + Picture.MAX_SIDE
                    + " pixels, got " + width + "x" + height);
        }
        if (frameRate < 1 || frameRate > 60) {
            throw new IllegalArgumentException("a test pattern runs at 1..60 fps, got " + frameRate);
        }
        if (kind == null || frameLimit < 0) {
            throw new IllegalArgumentException("a test pattern has a kind and a frame limit of at least 0");
        }
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.kind = kind;
        this.frameLimit = frameLimit;
        this.clock = new FrameClock(frameRate);
    }

    public TestPattern withSize(int newWidth, int newHeight) {
        return new TestPattern(newWidth, newHeight, frameRate, kind, frameLimit);
    }

    public TestPattern withFrameRate(int newFrameRate) {
        return new TestPattern(width, height, newFrameRate, kind, frameLimit);
    }

    public TestPattern withKind(VideoStreamKind newKind) {
        return new TestPattern(width, height, frameRate, newKind, frameLimit);
    }

    /** Ends the source after {@code limit} pictures; {@link #UNLIMITED} for none. */
    public TestPattern withFrameLimit(long limit) {
        return new TestPattern(width, height, frameRate, kind, limit);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public long frameLimit() {
        return frameLimit;
    }

    @Override
    public VideoStreamKind kind() {
        return kind;
    }

    @Override
    public int frameRate() {
        return frameRate;
    }

    @Override
    public Picture next() throws InterruptedException {
        if (clock.isClosed() || delivered >= frameLimit) {
            return null;
        }
        // drawn before the wait so that the picture leaves at its due time
        long slot = clock.slot();
        Picture picture = pictureFor(slot);
        if (!clock.await(slot)) {
            return null;
        }
        delivered++;
        return picture;
    }

    @Override
    public void close() {
        clock.close();
    }

    /** The picture of frame {@code frameNumber} at this source's size; the same number gives the same picture. */
    public Picture pictureFor(long frameNumber) {
        if (frameNumber < 0) {
            throw new IllegalArgumentException("frame numbers start at 0, got " + frameNumber);
        }
        int[] rgb = new int[width * height];
        int contentHeight = FrameNumberStrip.top(height);
        int barsHeight = contentHeight * 5 / 9;
        drawBars(rgb, barsHeight, frameNumber);
        drawGradient(rgb, barsHeight, contentHeight, frameNumber);
        int lowerHeight = contentHeight - barsHeight;
        int detail = Math.min(lowerHeight, width / 4) * 7 / 8;
        int detailTop = barsHeight + (lowerHeight - detail) / 2;
        drawZonePlate(rgb, width - detail - width / 32, detailTop, detail, frameNumber);
        drawCheckerboard(rgb, width / 32, detailTop, Math.min(detail, width / 8), detail, frameNumber);
        drawBox(rgb, contentHeight, frameNumber);
        FrameNumberStrip.stamp(rgb, width, height, frameNumber);
        return new Picture(width, height, rgb);
    }

    /** Eight full colour bars, scrolling left by a 160th of the width per frame. */
    private void drawBars(int[] rgb, int barsHeight, long frame) {
        int shift = (int) ((frame * width / 160) % width);
        int[] row = new int[width];
        for (int x = 0; x < width; x++) {
            row[x] = BARS[(int) ((long) ((x + shift) % width) * BARS.length / width)];
        }
        for (int y = 0; y < barsHeight; y++) {
            System.arraycopy(row, 0, rgb, y * width, width);
        }
    }

    /** Red rises to the right, green downwards, blue swings slowly with time. */
    private void drawGradient(int[] rgb, int top, int bottom, long frame) {
        int blue = triangle(frame * 6, 255);
        int rows = Math.max(1, bottom - top - 1);
        for (int y = top; y < bottom; y++) {
            int green = (y - top) * 255 / rows;
            for (int x = 0; x < width; x++) {
                int red = x * 255 / Math.max(1, width - 1);
                rgb[y * width + x] = (red << 16) | (green << 8) | blue;
            }
        }
    }

    /** Grey rings whose spacing falls to two pixels at the edge, drifting outwards. */
    private void drawZonePlate(int[] rgb, int left, int top, int size, long frame) {
        if (size < 4) {
            return;
        }
        double k = Math.PI / size;
        double phase = (frame % 64) * (2 * Math.PI / 64);
        double c = (size - 1) / 2.0;
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                double r2 = (dx - c) * (dx - c) + (dy - c) * (dy - c);
                int grey = (int) Math.round(127.5 + 127.5 * StrictMath.cos(k * r2 - phase));
                rgb[(top + dy) * width + left + dx] = grey * 0x010101;
            }
        }
    }

    /** Black and white squares of two pixels, sliding one pixel down every other frame. */
    private void drawCheckerboard(int[] rgb, int left, int top, int w, int h, long frame) {
        int offset = (int) ((frame / 2) % 4);
        for (int dy = 0; dy < h; dy++) {
            for (int dx = 0; dx < w; dx++) {
                boolean white = (((dx >> 1) + ((dy + offset) >> 1)) & 1) == 0;
                rgb[(top + dy) * width + left + dx] = white ? 0xFFFFFF : 0x000000;
            }
        }
    }

    /** An orange box with a black border and a white centre, bouncing off the content's edges. */
    private void drawBox(int[] rgb, int contentHeight, long frame) {
        int boxWidth = Math.max(4, width / 8);
        int boxHeight = Math.max(4, contentHeight / 5);
        int x0 = triangle(frame * Math.max(1, width / 128), width - boxWidth);
        int y0 = triangle(frame * Math.max(1, contentHeight / 100), contentHeight - boxHeight);
        int border = Math.max(1, boxWidth / 20);
        for (int dy = 0; dy < boxHeight; dy++) {
            for (int dx = 0; dx < boxWidth; dx++) {
                boolean edge = dx < border || dy < border || dx >= boxWidth - border || dy >= boxHeight - border;
                boolean centre = Math.abs(2 * dx - boxWidth) < boxWidth / 4 && Math.abs(2 * dy - boxHeight) < boxHeight / 4;
                rgb[(y0 + dy) * width + x0 + dx] = edge ? 0x000000 : centre ? 0xFFFFFF : 0xFF8000;
            }
        }
    }

    /** {@code value} folded into 0..range and back, like a ball between two walls. */
    private static int triangle(long value, int range) {
        if (range <= 0) {
            return 0;
        }
        long m = value % (2L * range);
        return (int) (m <= range ? m : 2L * range - m);
    }
}
