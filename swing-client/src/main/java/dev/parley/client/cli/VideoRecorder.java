package dev.parley.client.cli;

import dev.parley.common.domain.PeerId;
import dev.parley.common.video.FrameTiming;
import dev.parley.common.video.Picture;
import dev.parley.common.video.VideoSink;
import dev.parley.common.video.VideoStreamKind;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --record-video DIR}: every received picture as {@code DIR/<sender>-<ssrc>-<frame id>.png},
 * and one JSON line per picture and per stream end in {@code DIR/frames.jsonl}, for a program to
 * measure what arrived, when, and how it looks.
 *
 * <p>A frame line: {@code event} "frame", {@code sender} (peer id), {@code ssrc}, {@code kind}
 * ("camera"/"screen"), {@code frame_id}, {@code capture_timestamp} (the sender's 90 kHz clock),
 * {@code arrival_ms} and {@code decoded_ms} (this machine's wall clock in milliseconds since the
 * epoch, both derived from the same {@code System.nanoTime()} origin, so their difference is exact),
 * {@code decode_ms} (decoded minus arrival), {@code codec}, {@code keyframe}, {@code width},
 * {@code height}, {@code file} (relative to DIR) and {@code dropped} (pictures this recorder has
 * dropped so far). A stream end: {@code event} "stream_ended" with sender, ssrc, kind, {@code ended_ms}.
 * Closing adds {@code event} "closed" with the totals.
 *
 * <p>PNG encoding takes milliseconds, and the caller is a call's video decode thread: pictures go
 * through a bounded queue to one writer thread; when {@value #DEFAULT_CAPACITY} pictures are
 * waiting, new ones are dropped (no file, no line) and counted. {@link #close()} writes everything
 * queued, then returns.
 */
public final class VideoRecorder implements VideoSink, AutoCloseable {
    public static final int DEFAULT_CAPACITY = 30;
    public static final String INDEX_FILE = "frames.jsonl";

    private final Path directory;
    private final int capacity;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedPictures = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BufferedWriter index;
    private final Thread writer;
    private ImageWriter png; // the writer thread's
    // wall clock = epochMillisAtOrigin + (nanoTime - nanoOrigin) / 1e6, for every time written
    private final long nanoOrigin;
    private final long epochMillisAtOrigin;

    /** Records into {@code directory}, created if missing; {@value #DEFAULT_CAPACITY} pictures may wait. */
    public VideoRecorder(Path directory) throws IOException {
        this(directory, DEFAULT_CAPACITY);
    }

    /**
     * Records into {@code directory}, created if missing, with at most {@code capacity} pictures
     * waiting to be written.
     *
     * @throws IOException when the directory or its index file cannot be created; the message says which
     */
    public VideoRecorder(Path directory, int capacity) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("a recorder holds at least one picture, got " + capacity);
        }
        this.directory = directory;
        this.capacity = capacity;
        try {
            Files.createDirectories(directory);
            this.index = Files.newBufferedWriter(directory.resolve(INDEX_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("Cannot record video into " + directory + ": " + reason(e), e);
        }
        this.nanoOrigin = System.nanoTime();
        this.epochMillisAtOrigin = System.currentTimeMillis();
        this.writer = new Thread(this::writeUntilStopped, "parley-video-recorder");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void onPicture(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing) {
        if (closed.get()) {
            return;
        }
        if (queuedPictures.incrementAndGet() > capacity) {
            queuedPictures.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(new Frame(peer, ssrc, kind, picture, timing));
    }

    @Override
    public void onStreamEnded(PeerId peer, long ssrc, VideoStreamKind kind) {
        if (!closed.get()) {
            queue.add(new End(peer, ssrc, kind, System.nanoTime()));
        }
    }

    /** Pictures written so far. */
    public long written() {
        return written.get();
    }

    /** Pictures dropped because the writer was behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Pictures that could not be written (a full disk); each also has a "write_failed" line if possible. */
    public long failed() {
        return failed.get();
    }

    public Path directory() {
        return directory;
    }

    /** Writes everything queued, adds the "closed" line, and closes the index. Later pictures are ignored. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.add(Stop.INSTANCE);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish the files first: a half-written index is worth nothing
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStopped() {
        try {
            while (true) {
                Entry entry = queue.take();
                if (entry instanceof Frame frame) {
                    write(frame);
                    queuedPictures.decrementAndGet();
                } else if (entry instanceof End end) {
                    line(endLine(end));
                } else {
                    break;
                }
            }
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("event", "closed");
            last.put("written", written.get());
            last.put("dropped", dropped.get());
            last.put("failed", failed.get());
            line(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (png != null) {
                png.dispose();
            }
            try {
                index.close();
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        }
    }

    private void write(Frame frame) {
        String file = String.format(Locale.ROOT, "%d-%d-%08d.png", frame.peer.value(), frame.ssrc, frame.timing.frameId());
        try {
            writePng(frame.picture, directory.resolve(file));
            written.incrementAndGet();
            line(frameLine(frame, file));
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("event", "write_failed");
            line.put("file", file);
            line.put("reason", reason(e));
            line(line);
        }
    }

    private Map<String, Object> frameLine(Frame frame, String file) {
        FrameTiming t = frame.timing;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "frame");
        line.put("sender", frame.peer.value());
        line.put("ssrc", frame.ssrc);
        line.put("kind", kind(frame.kind));
        line.put("frame_id", t.frameId());
        line.put("capture_timestamp", t.captureTimestamp());
        line.put("arrival_ms", wallMillis(t.arrivalNanos()));
        line.put("decoded_ms", wallMillis(t.decodedNanos()));
        line.put("decode_ms", (t.decodedNanos() - t.arrivalNanos()) / 1e6);
        line.put("codec", t.codec() == null ? null : t.codec().name());
        line.put("keyframe", t.keyframe());
        line.put("width", frame.picture.width());
        line.put("height", frame.picture.height());
        line.put("file", file);
        line.put("dropped", dropped.get());
        return line;
    }

    private Map<String, Object> endLine(End end) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "stream_ended");
        line.put("sender", end.peer.value());
        line.put("ssrc", end.ssrc);
        line.put("kind", kind(end.kind));
        line.put("ended_ms", wallMillis(end.atNanos));
        return line;
    }

    private void line(Map<String, Object> fields) {
        try {
            index.write(JsonLine.object(fields));
            index.newLine();
            index.flush(); // readable while the call still runs
        } catch (IOException e) {
            failed.incrementAndGet();
        }
    }

    private double wallMillis(long nanos) {
        return epochMillisAtOrigin + (nanos - nanoOrigin) / 1e6;
    }

    private static String kind(VideoStreamKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Writes the picture's pixels as they are (no copy), with fast deflate: speed over file size. */
    private void writePng(Picture picture, Path path) throws IOException {
        DirectColorModel rgb = new DirectColorModel(24, 0xFF0000, 0x00FF00, 0x0000FF);
        DataBufferInt pixels = new DataBufferInt(picture.rgb(), picture.rgb().length);
        WritableRaster raster = Raster.createPackedRaster(pixels, picture.width(), picture.height(), picture.width(),
                rgb.getMasks(), null);
        BufferedImage image = new BufferedImage(rgb, raster, false, null);
        if (png == null) {
            png = ImageIO.getImageWritersByFormatName("png").next();
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
             ImageOutputStream out = new MemoryCacheImageOutputStream(file)) {
            ImageWriteParam param = png.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f); // deflate level 1
            png.setOutput(out);
            png.write(null, new IIOImage(image, null, null), param);
        } finally {
            png.reset();
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private sealed interface Entry permits Frame, End, Stop {
    }

    private record Frame(PeerId peer, long ssrc, VideoStreamKind kind, Picture picture, FrameTiming timing)
            implements Entry {
    }

    private record End(PeerId peer, long ssrc, VideoStreamKind kind, long atNanos) implements Entry {
    }

    private enum Stop implements Entry {
        INSTANCE
    }
}
