package dev.parley.common.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.parley.common.cbor.CborReader;
import dev.parley.common.cbor.CborValue;
import dev.parley.common.cbor.CborWriter;
import dev.parley.common.domain.ControlMessage;
import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.Decoded;
import dev.parley.common.domain.MediaHeader;
import dev.parley.common.wire.ControlCodec;
import dev.parley.common.wire.FrameDecoder;
import dev.parley.common.wire.Frames;
import dev.parley.common.wire.MediaDatagrams;
import dev.parley.common.wire.VideoChunk;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The properties every fuzz harness checks, one method per decoder of untrusted bytes. The only
 * allowed outcomes of a decoder are {@code Decoded.Ok} and a {@code Decoded.Failed} that carries a
 * typed error with a message; what it accepts must also agree with the matching encoder. Anything
 * else, an exception from the decoder included, becomes an {@code AssertionError} that names the
 * input, which Jazzer reports as a finding.
 *
 * <p>Plain {@code AssertionError}s rather than AssertJ: these run millions of times per fuzzing
 * minute.
 */
final class DecoderChecks {
    /** Largest chunk {@link #frames} feeds at once; one byte of fuzzer input picks each size. */
    static final int MAX_CHUNK = 256;

    private DecoderChecks() {
    }

    /**
     * CBOR: accepted values survive the canonical re-encoding. (Not "never longer than the input": an
     * indefinite-length array or map of 256 or more items grows by a byte when made definite.)
     */
    static void cbor(byte[] input) {
        Decoded<CborValue> d = decode("CborReader.decode", input, () -> CborReader.decode(input));
        if (d instanceof Decoded.Ok<CborValue> ok) {
            byte[] canonical;
            try {
                canonical = CborWriter.encode(ok.value());
            } catch (RuntimeException e) {
                throw new AssertionError("the writer refuses a value the reader accepted from " + hex(input) + ": "
                        + ok.value(), e);
            }
            Decoded<CborValue> again = CborReader.decode(canonical);
            if (!(again instanceof Decoded.Ok<CborValue> ok2) || !ok2.value().equals(ok.value())) {
                throw new AssertionError("CBOR round trip changed the value: input " + hex(input) + " decoded to "
                        + ok.value() + ", its encoding " + hex(canonical) + " decoded to " + again);
            }
        }
    }

    /** Control messages: accepted messages re-encode to bytes that decode to an equal message. */
    static void control(byte[] input) {
        Decoded<ControlMessage> d = decode("ControlCodec.decode", input, () -> ControlCodec.decode(input));
        if (d instanceof Decoded.Ok<ControlMessage> ok) {
            byte[] again;
            try {
                again = ControlCodec.encode(ok.value());
            } catch (RuntimeException e) {
                throw new AssertionError("the encoder refuses a message the decoder accepted from " + hex(input)
                        + ": " + ok.value(), e);
            }
            Decoded<ControlMessage> d2 = ControlCodec.decode(again);
            if (!(d2 instanceof Decoded.Ok<ControlMessage> ok2) || !ok2.value().equals(ok.value())) {
                throw new AssertionError("control round trip changed the message: input " + hex(input)
                        + " decoded to " + ok.value() + ", its encoding " + hex(again) + " decoded to " + d2);
            }
        }
    }

    /**
     * Framing: the stream is fed in the chunks the fuzzer picks (each size from one byte taken from the
     * end of the input, each chunk from the front) and then, to a fresh decoder, in one piece. Both
     * must fail, or both succeed with the same payloads; every payload is 1..65536 bytes.
     *
     * @return the payloads of the one-piece feed, or null when it failed (for the seed generator)
     */
    static List<byte[]> frames(FuzzedDataProvider data) {
        FrameDecoder split = new FrameDecoder();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> pieces = new ArrayList<>();
        boolean splitFailed = false;
        List<Integer> sizes = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, MAX_CHUNK));
            stream.writeBytes(chunk);
            sizes.add(chunk.length);
            Decoded<List<byte[]>> r = decode("FrameDecoder.feed (in chunks)",
                    () -> hex(stream.toByteArray()) + " fed in chunks of " + sizes, () -> split.feed(chunk));
            if (r instanceof Decoded.Ok<List<byte[]>> ok) {
                pieces.addAll(ok.value());
            } else {
                splitFailed = true;
            }
        }
        byte[] all = stream.toByteArray();
        FrameDecoder whole = new FrameDecoder();
        Decoded<List<byte[]>> w = decode("FrameDecoder.feed, whole stream", all, () -> whole.feed(all));
        if (splitFailed == w.isOk()) {
            throw new AssertionError("chunking changed the outcome for stream " + hex(all) + " in chunks of "
                    + sizes + ": in chunks " + (splitFailed ? "failed" : "ok") + ", whole " + w);
        }
        if (w instanceof Decoded.Ok<List<byte[]>> ok) {
            List<byte[]> payloads = ok.value();
            if (!sameBytes(payloads, pieces) || split.buffered() != whole.buffered()) {
                throw new AssertionError("chunking changed the payloads of stream " + hex(all) + " in chunks of "
                        + sizes);
            }
            for (byte[] p : payloads) {
                if (p.length < Frames.MIN_PAYLOAD || p.length > Frames.MAX_PAYLOAD) {
                    throw new AssertionError("payload of " + p.length + " bytes from stream " + hex(all));
                }
            }
            return payloads;
        }
        return null;
    }

    /** Media datagrams: an accepted header re-encodes to the input's first 38 bytes. */
    static void datagram(byte[] input) {
        Decoded<MediaHeader> d = decode("MediaDatagrams.parse", input, () -> MediaDatagrams.parse(input));
        if (d instanceof Decoded.Ok<MediaHeader> ok) {
            byte[] header = MediaDatagrams.encodeHeader(ok.value());
            if (!Arrays.equals(header, 0, MediaHeader.LENGTH, input, 0, MediaHeader.LENGTH)
                    || ok.value().datagramLength() != input.length) {
                throw new AssertionError("header " + ok.value() + " parsed from " + hex(input) + " re-encodes to "
                        + hex(header));
            }
        }
    }

    /** Video chunks: an accepted chunk re-encodes to exactly the input. */
    static void videoChunk(byte[] input) {
        Decoded<VideoChunk> d = decode("VideoChunk.decode", input, () -> VideoChunk.decode(input));
        if (d instanceof Decoded.Ok<VideoChunk> ok && !Arrays.equals(ok.value().encode(), input)) {
            throw new AssertionError(ok.value() + " decoded from " + hex(input) + " re-encodes to "
                    + hex(ok.value().encode()));
        }
    }

    /** Received JPEG frames (the video fallback every client decodes): a picture or a typed failure. */
    static void jpegFrame(byte[] input) {
        try (dev.parley.common.video.JpegDecoder decoder = new dev.parley.common.video.JpegDecoder()) {
            decode("JpegDecoder.decode", input, () -> decoder.decode(input, true));
        }
    }

    /** Invite links: an accepted link formats to a text that parses to the same link. */
    static void roomLink(String text) {
        Decoded<dev.parley.common.domain.RoomLink> d = decode("RoomLinks.parse",
                () -> hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                () -> dev.parley.common.crypto.RoomLinks.parse(text));
        if (d instanceof Decoded.Ok<dev.parley.common.domain.RoomLink> ok) {
            String formatted = dev.parley.common.crypto.RoomLinks.format(ok.value());
            Decoded<dev.parley.common.domain.RoomLink> again = dev.parley.common.crypto.RoomLinks.parse(formatted);
            if (!(again instanceof Decoded.Ok<dev.parley.common.domain.RoomLink> ok2) || !ok2.value().equals(ok.value())) {
                throw new AssertionError("link parsed from " + hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + " formats to a text that does not parse back to it");
            }
        }
    }

    /**
     * Runs one decoder call: its answer must be Ok, or Failed with a typed error and a message. Anything
     * it throws is wrapped with the input in hex, so that a finding in CI's log carries its input even
     * though CI's copy of the crash file is lost with its work tree.
     */
    static <T> Decoded<T> decode(String what, byte[] input, Supplier<Decoded<T>> decoder) {
        return decode(what, () -> hex(input), decoder);
    }

    /** As {@link #decode(String, byte[], Supplier)}, the input described only when something is wrong. */
    static <T> Decoded<T> decode(String what, Supplier<String> input, Supplier<Decoded<T>> decoder) {
        Decoded<T> d;
        try {
            d = decoder.get();
        } catch (Throwable t) {
            throw new AssertionError(what + " threw " + t + " on input " + input.get(), t);
        }
        if (d == null) {
            throw new AssertionError(what + " returned null for " + input.get());
        }
        if (d instanceof Decoded.Failed<T> f) {
            DecodeError e = f.error();
            if (e == null || e.reason() == null || e.message() == null || e.message().isBlank()) {
                throw new AssertionError(what + " failed without a typed error and message for " + input.get()
                        + ": " + e);
            }
        }
        return d;
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** All of it: fuzzer inputs are a few kB at most, and a finding must be reproducible from the log. */
    static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.of().formatHex(b);
    }
}
