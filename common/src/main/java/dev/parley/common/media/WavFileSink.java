package dev.parley.common.media;

import dev.parley.common.media.AudioSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 20 ms frames to a 48 kHz mono 16-bit PCM WAV file (not paced). The header's two length
 * fields are rewritten after every frame, so the file is a valid WAV at every frame boundary: a
 * process killed between frames leaves a playable file (what the OS has not yet flushed to disk
 * is another matter; {@link #close} forces it).
 */
public final class WavFileSink implements AudioSink {
    private static final int HEADER_BYTES = 44;

    private final FileChannel channel;
    private final Path path;
    private final ByteBuffer samples = ByteBuffer.allocate(Pcm.FRAME_SAMPLES * 2).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private boolean closed;

    /** Creates (or truncates) the file and writes an empty WAV header. */
    public WavFileSink(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(header(), 0);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void write(short[] frame) throws IOException {
        Pcm.requireFrame(frame);
        if (closed) {
            throw new IOException(path + ": sink is closed");
        }
        if (HEADER_BYTES + dataBytes + samples.capacity() > 0xFFFF_FFFFL) {
            throw new IOException(path + ": WAV files end at 4 GiB");
        }
        samples.clear();
        samples.asShortBuffer().put(frame);
        writeFully(samples, HEADER_BYTES + dataBytes);
        dataBytes += samples.capacity();
        updateLengths();
    }

    /** Bytes of audio written so far. */
    public long dataBytes() {
        return dataBytes;
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            updateLengths();
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot finish the WAV file", e);
        }
    }

    private void updateLengths() throws IOException {
        writeU32(36 + dataBytes, 4);
        writeU32(dataBytes, 40);
    }

    private void writeU32(long value, long position) throws IOException {
        length.clear();
        length.putInt(0, (int) value);
        writeFully(length, position);
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
        b.rewind();
        long p = position;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    private static ByteBuffer header() {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(Pcm.SAMPLE_RATE).putInt(Pcm.SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt(0);
        return h;
    }
}
