package dev.parley.common.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a RIFF/WAVE header up to the start of the data chunk and says exactly why a file is refused.
 * Accepts PCM (format 1) and IEEE float (3), also inside WAVE_FORMAT_EXTENSIBLE (0xFFFE); skips
 * other chunks (LIST, fact, ...).
 */
final class WavHeaderReader {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long MAX_FMT_CHUNK = 1 << 16;

    private final InputStream in;
    private final String name;

    private WavHeaderReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** Parses the header; on return {@code in} is positioned at the first sample. */
    static WavFormat read(InputStream in, String name) throws IOException {
        return new WavHeaderReader(in, name).read();
    }

    private WavFormat read() throws IOException {
        byte[] riff = readFully(12, "inside the RIFF header");
        String id = ascii(riff, 0);
        if (id.equals("RIFX") || id.equals("RF64") || id.equals("BW64")) {
            throw refuse(id + " files (big-endian or 64-bit RIFF) are not supported");
        }
        if (!id.equals("RIFF") || !ascii(riff, 8).equals("WAVE")) {
            throw refuse("not a WAV file: it does not start with RIFF....WAVE (first bytes: " + hex(riff) + ")");
        }
        int[] fmt = null;
        while (true) {
            byte[] header = readFully(8, fmt == null ? "before a fmt chunk" : "before a data chunk");
            String chunk = ascii(header, 0);
            long size = u32(header, 4);
            if (chunk.equals("fmt ")) {
                if (size < 16 || size > MAX_FMT_CHUNK) {
                    throw refuse("fmt chunk of " + size + " bytes is malformed");
                }
                fmt = parseFmt(readFully((int) size, "inside the fmt chunk"));
                skip(size & 1);
            } else if (chunk.equals("data")) {
                if (fmt == null) {
                    throw refuse("data chunk comes before the fmt chunk");
                }
                boolean unknownLength = size == 0 || size == 0xFFFF_FFFFL; // written by a streaming recorder
                return new WavFormat(fmt[0] == WAVE_FORMAT_IEEE_FLOAT ? WavFormat.Encoding.FLOAT : WavFormat.Encoding.PCM,
                        fmt[1], fmt[2], fmt[3], unknownLength ? -1 : size);
            } else {
                skip(size + (size & 1));
            }
        }
    }

    /** Returns {format, channels, sampleRate, bitsPerSample} after checking they are supported. */
    private int[] parseFmt(byte[] b) throws IOException {
        int format = u16(b, 0);
        int channels = u16(b, 2);
        long sampleRate = u32(b, 4);
        int blockAlign = u16(b, 12);
        int bits = u16(b, 14);
        if (format == WAVE_FORMAT_EXTENSIBLE) {
            if (b.length < 40) {
                throw refuse("WAVE_FORMAT_EXTENSIBLE fmt chunk of " + b.length + " bytes is too short");
            }
            format = u16(b, 24); // the first two bytes of the SubFormat GUID are the format code
        }
        if (format != WAVE_FORMAT_PCM && format != WAVE_FORMAT_IEEE_FLOAT) {
            throw refuse(String.format("unsupported WAV encoding 0x%04X (%s); only PCM (8/16/24/32-bit) "
                    + "and IEEE float (32/64-bit) can be read", format, formatName(format)));
        }
        if (channels < 1 || channels > 32) {
            throw refuse("unsupported channel count " + channels);
        }
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw refuse("unsupported sample rate " + sampleRate + " Hz (1,000..384,000 Hz can be read)");
        }
        boolean pcmOk = format == WAVE_FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean floatOk = format == WAVE_FORMAT_IEEE_FLOAT && (bits == 32 || bits == 64);
        if (!pcmOk && !floatOk) {
            throw refuse("unsupported sample size: " + bits + "-bit "
                    + (format == WAVE_FORMAT_PCM ? "PCM (8, 16, 24 or 32 bits can be read)" : "float (32 or 64 bits can be read)"));
        }
        if (blockAlign != channels * bits / 8) {
            throw refuse("block align " + blockAlign + " does not match " + channels + " channels of " + bits + " bits");
        }
        return new int[] {format, channels, (int) sampleRate, bits};
    }

    private static String formatName(int format) {
        return switch (format) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MPEG Layer 3";
            case 0x00FF, 0x1610 -> "AAC";
            case 0x704F -> "Opus";
            default -> "unknown";
        };
    }

    private byte[] readFully(int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw refuse("file ends " + what);
        }
        return b;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(name + ": file ends inside a chunk");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private UnsupportedWavException refuse(String why) {
        return new UnsupportedWavException(name + ": " + why);
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 12); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int off) {
        return (u16(b, off) | (long) u16(b, off + 2) << 16) & 0xFFFF_FFFFL;
    }
}
