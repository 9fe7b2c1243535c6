package dev.parley.common.media;

import dev.parley.common.media.AudioSource;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a WAV file as 20 ms frames of 48 kHz mono 16-bit audio, as fast as asked (not paced).
 * Converts other PCM layouts on the fly: 8/24/32-bit integer and 32/64-bit float samples, any
 * channel count (averaged to mono), any rate from 1 to 384 kHz ({@link SincResampler}). Anything
 * else fails at open with an {@link UnsupportedWavException} naming the format. The last frame is
 * padded with zeros.
 */
public final class WavFileSource implements AudioSource {
    private static final int BLOCK_FRAMES = 4096;

    private final InputStream in;
    private final WavFormat format;
    private final SampleConverter converter;
    private final SincResampler resampler;
    private final byte[] raw;
    private final float[] mono;
    private float[] pending;
    private int pendingStart;
    private int pendingEnd;
    private long bytesLeft;
    private boolean inputEnded;
    private boolean finished;

    /** Opens a WAV file. */
    public static WavFileSource open(Path path) throws IOException {
        return new WavFileSource(new BufferedInputStream(Files.newInputStream(path), 1 << 16), path.toString());
    }

    /**
     * Reads WAV data from a stream (e.g. a class-path resource), which this source closes (also when
     * the header is refused).
     *
     * @param name how errors name the input
     */
    public WavFileSource(InputStream in, String name) throws IOException {
        this.in = in;
        this.format = readHeader(in, name);
        this.converter = new SampleConverter(format);
        this.resampler = format.sampleRate() == Pcm.SAMPLE_RATE ? null : new SincResampler(format.sampleRate(), Pcm.SAMPLE_RATE);
        this.raw = new byte[BLOCK_FRAMES * format.blockAlign()];
        this.mono = new float[BLOCK_FRAMES];
        this.pending = new float[resampler == null ? BLOCK_FRAMES : resampler.maxOutput(BLOCK_FRAMES)];
        this.bytesLeft = format.dataBytes() < 0 ? Long.MAX_VALUE : format.dataBytes();
    }

    private static WavFormat readHeader(InputStream in, String name) throws IOException {
        try {
            return WavHeaderReader.read(in, name);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The file's own format, before conversion. */
    public WavFormat sourceFormat() {
        return format;
    }

    @Override
    public boolean read(short[] frame) throws IOException {
        Pcm.requireFrame(frame);
        if (finished) {
            return false;
        }
        int filled = 0;
        while (filled < frame.length) {
            if (pendingStart == pendingEnd && !refill()) {
                break;
            }
            int n = Math.min(frame.length - filled, pendingEnd - pendingStart);
            for (int i = 0; i < n; i++) {
                frame[filled + i] = toShort(pending[pendingStart + i]);
            }
            pendingStart += n;
            filled += n;
        }
        if (filled == 0) {
            finished = true;
            return false;
        }
        Arrays.fill(frame, filled, frame.length, (short) 0);
        return true;
    }

    /** The rest of the file as 48 kHz mono samples, in whole frames (the last one padded with silence). */
    public short[] readAll() throws IOException {
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        short[] all = new short[Pcm.FRAME_SAMPLES * 64];
        int n = 0;
        while (read(frame)) {
            if (n + frame.length > all.length) {
                all = Arrays.copyOf(all, all.length * 2);
            }
            System.arraycopy(frame, 0, all, n, frame.length);
            n += frame.length;
        }
        return Arrays.copyOf(all, n);
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts the next block into {@code pending}; false at the end of the data. */
    private boolean refill() throws IOException {
        pendingStart = 0;
        pendingEnd = 0;
        while (pendingEnd == 0) {
            if (inputEnded) {
                return false;
            }
            int frames = readBlock();
            if (frames == 0) {
                inputEnded = true;
                if (resampler == null) {
                    return false;
                }
                pendingEnd = resampler.flush(pending, 0);
                return pendingEnd > 0;
            }
            converter.toMono(raw, frames, mono);
            if (resampler == null) {
                System.arraycopy(mono, 0, pending, 0, frames);
                pendingEnd = frames;
            } else {
                pendingEnd = resampler.process(mono, 0, frames, pending, 0);
            }
        }
        return true;
    }

    /** Reads up to a block of whole sample frames; returns how many. */
    private int readBlock() throws IOException {
        int align = format.blockAlign();
        int want = (int) Math.min(raw.length, bytesLeft - bytesLeft % align);
        int got = 0;
        while (got < want) {
            int n = in.read(raw, got, want - got);
            if (n < 0) {
                break; // a truncated file: play what is there
            }
            got += n;
        }
        bytesLeft -= got;
        return got / align;
    }

    private static short toShort(float x) {
        int v = Math.round(x * 32768f);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
