package dev.parley.common.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntToDoubleFunction;

/** Builds WAV files of any layout in memory for the reader's tests. */
final class WavWriter {
    private WavWriter() {
    }

    /** A WAV with {@code frames} sample frames; {@code signal(channel)(frameIndex)} gives -1..1. */
    static byte[] build(int formatTag, int channels, int rate, int bits, int frames, ChannelSignal signal) {
        int block = channels * bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * block).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                double x = signal.of(c).applyAsDouble(f);
                putSample(data, formatTag, bits, x);
            }
        }
        return wrap(fmt(formatTag, channels, rate, bits), data.array());
    }

    static byte[] fmt(int formatTag, int channels, int rate, int bits) {
        int block = channels * bits / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) formatTag)
                .putShort((short) channels).putInt(rate).putInt(rate * block).putShort((short) block)
                .putShort((short) bits).array();
    }

    /** RIFF/WAVE with a LIST chunk before fmt (readers must skip it), then fmt and data. */
    static byte[] wrap(byte[] fmt, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] list = "INFOISFT\u0005\u0000\u0000\u0000test\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int riffSize = 4 + 8 + list.length + 1 + 8 + fmt.length + 8 + data.length;
        out.writeBytes("RIFF".getBytes());
        out.writeBytes(le32(riffSize));
        out.writeBytes("WAVE".getBytes());
        out.writeBytes("LIST".getBytes());
        out.writeBytes(le32(list.length));
        out.writeBytes(list);
        out.write(0); // pad byte: the LIST chunk has an odd length
        out.writeBytes("fmt ".getBytes());
        out.writeBytes(le32(fmt.length));
        out.writeBytes(fmt);
        out.writeBytes("data".getBytes());
        out.writeBytes(le32(data.length));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void putSample(ByteBuffer b, int formatTag, int bits, double x) {
        if (formatTag == 3) {
            if (bits == 32) {
                b.putFloat((float) x);
            } else {
                b.putDouble(x);
            }
            return;
        }
        switch (bits) {
            case 8 -> b.put((byte) (Math.round(x * 127) + 128));
            case 16 -> b.putShort((short) Math.round(x * 32767));
            case 24 -> {
                int v = (int) Math.round(x * 8388607);
                b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
            }
            default -> b.putInt((int) Math.round(x * 2147483647.0));
        }
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    interface ChannelSignal {
        IntToDoubleFunction of(int channel);
    }
}
