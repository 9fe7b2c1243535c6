package dev.parley.common.cbor;

import dev.parley.common.domain.DecodeError;
import dev.parley.common.domain.DecodeError.Reason;
import dev.parley.common.domain.Decoded;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.dataformat.cbor.CBORSimpleValue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict decoder of one CBOR data item (RFC 8949) into {@link CborValue}, as PROTOCOL.md section 5.1
 * asks of receivers, on Jackson's streaming {@code CBORParser}.
 *
 * <p>Accepted: every well-formed encoding of the allowed types, including indefinite-length strings,
 * arrays and maps, half, single and double floats, and integers in longer than shortest form.
 * Refused, with a typed {@link DecodeError}: tags, duplicate map keys, non-text map keys, invalid
 * UTF-8 (overlong forms, surrogates, code points above U+10FFFF), trailing bytes, truncation,
 * reserved additional information 28-30, a break outside an indefinite-length item, a two-byte
 * simple value below 32, and nesting deeper than {@link #MAX_DEPTH}. Jackson enforces duplicate keys
 * and depth itself; {@link CborStrictness} checks each item's head for the rest before Jackson
 * decodes it.
 *
 * <p>No length or count read from the input is used to allocate before it has been checked against
 * the bytes that remain, so every allocation is bounded by the input size. Never throws: every
 * outcome is a {@link Decoded}.
 */
public final class CborReader {

    /**
     * Maximum nesting of arrays and maps: a top-level map is at depth 1, so this allows a map in an
     * array in a map (the deepest Parley message) with ample room and stops stack-exhaustion input.
     */
    public static final int MAX_DEPTH = 16;

    private static final String DUPLICATE = "Duplicate Object property";

    private final byte[] in;
    private final int end;
    private final JsonParser parser;
    /** Whether the token being read sits in a map's key position (for the head check after a Jackson error). */
    private boolean atKey;

    private CborReader(byte[] in, int end, JsonParser parser) {
        this.in = in;
        this.end = end;
        this.parser = parser;
    }

    /** Decodes {@code input}, which must hold exactly one data item. */
    public static Decoded<CborValue> decode(byte[] input) {
        if (input == null) {
            return Decoded.failed(Reason.TRUNCATED, "no input");
        }
        return decode(input, 0, input.length);
    }

    /** Decodes {@code input[offset, offset+length)}, which must hold exactly one data item. */
    public static Decoded<CborValue> decode(byte[] input, int offset, int length) {
        if (input == null || offset < 0 || length < 0 || offset > input.length - length) {
            return Decoded.failed(Reason.INVALID, "offset and length do not fit the input");
        }
        try (JsonParser parser = CborFormat.FACTORY.createParser(input, offset, length)) {
            CborReader r = new CborReader(input, offset + length, parser);
            try {
                JsonToken first = r.next(false);
                if (first == null) { // nothing, or only tags (which Jackson skips) before the end
                    DecodeError tag = CborStrictness.check(input, offset, r.end, false);
                    return tag != null ? Decoded.failed(tag)
                            : Decoded.failed(Reason.TRUNCATED, "input ends at offset " + offset + " before a data item");
                }
                CborValue v = r.value(first);
                long consumed = parser.currentLocation().getByteOffset();
                if (consumed != r.end) {
                    return Decoded.failed(Reason.TRAILING_BYTES,
                            (r.end - consumed) + " bytes follow the data item at offset " + (consumed - offset));
                }
                return Decoded.ok(v);
            } catch (Failure f) {
                return Decoded.failed(f.error);
            } catch (JacksonException e) {
                return Decoded.failed(r.classify(e));
            }
        } catch (RuntimeException e) { // creating or closing the parser; not expected on a byte array
            return Decoded.failed(Reason.MALFORMED, "CBOR parser failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The next token, after the head check of its item; null only after the root item. The end of an
     * indefinite-length array or map is checked too (Jackson skips tags before a break); the end of
     * a definite one has no bytes of its own.
     */
    private JsonToken next(boolean indefinite) {
        atKey = parser.streamReadContext().inObject() && parser.currentToken() != JsonToken.PROPERTY_NAME;
        JsonToken t = parser.nextToken();
        if (t != null && (indefinite || t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT)) {
            DecodeError e = CborStrictness.check(in, tokenOffset(), end, atKey);
            if (e != null) {
                throw new Failure(e);
            }
        }
        atKey = false;
        return t;
    }

    private CborValue value(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> map();
            case START_ARRAY -> array();
            case VALUE_STRING -> new CborValue.Text(parser.getString());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> new CborValue.FloatValue(parser.getDoubleValue());
            case VALUE_TRUE -> new CborValue.Bool(true);
            case VALUE_FALSE -> new CborValue.Bool(false);
            case VALUE_NULL -> new CborValue.Null();
            case VALUE_EMBEDDED_OBJECT -> embedded();
            default -> throw fail(Reason.MALFORMED, "unexpected " + t + " at offset " + tokenOffset());
        };
    }

    private CborValue map() {
        boolean indefinite = indefinite();
        Map<String, CborValue> entries = new LinkedHashMap<>();
        for (JsonToken t = next(indefinite); t != JsonToken.END_OBJECT; t = next(indefinite)) {
            String key = parser.currentName();
            entries.put(key, value(next(false)));
        }
        return new CborValue.MapValue(entries);
    }

    private CborValue array() {
        boolean indefinite = indefinite();
        List<CborValue> items = new ArrayList<>();
        for (JsonToken t = next(indefinite); t != JsonToken.END_ARRAY; t = next(indefinite)) {
            items.add(value(t));
        }
        return new CborValue.Array(items);
    }

    /** Whether the array or map just started has an indefinite length (additional information 31). */
    private boolean indefinite() {
        return (in[tokenOffset()] & 0x1F) == 31;
    }

    /** Major type 0 or 1 (tags never get here): the unsigned argument, as the bits of a long. */
    private CborValue integer() {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger v = parser.getBigIntegerValue();
            return v.signum() >= 0 ? new CborValue.UInt(v.longValue()) : new CborValue.NegInt(v.not().longValue());
        }
        long v = parser.getLongValue();
        return v >= 0 ? new CborValue.UInt(v) : new CborValue.NegInt(~v); // ~v == -1 - v
    }

    /** Byte strings, undefined and other simple values, which Jackson reports as embedded objects. */
    private CborValue embedded() {
        int initial = in[tokenOffset()] & 0xFF;
        if (initial >>> 5 == 2) {
            return new CborValue.Bytes(parser.getBinaryValue());
        }
        if (initial == 0xF7) {
            return new CborValue.Undefined();
        }
        if (parser.getEmbeddedObject() instanceof CBORSimpleValue s) {
            return new CborValue.Simple(s.getValue());
        }
        throw fail(Reason.MALFORMED, "unexpected embedded value at offset " + tokenOffset());
    }

    private int tokenOffset() {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    /** Jackson's verdict as a typed error; the head check first, since it names the rule exactly. */
    private DecodeError classify(JacksonException e) {
        DecodeError precise = CborStrictness.check(in, tokenOffset(), end, atKey);
        if (precise != null) {
            return precise;
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof UnexpectedEndOfInputException) {
            return DecodeError.of(Reason.TRUNCATED, "input ends inside a data item (offset " + tokenOffset() + ")");
        }
        if (message.startsWith(DUPLICATE)) {
            return DecodeError.of(Reason.DUPLICATE_KEY, printable(message));
        }
        return DecodeError.of(Reason.MALFORMED, printable(message));
    }

    private static String printable(String s) {
        String cut = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static Failure fail(Reason reason, String message) {
        return new Failure(DecodeError.of(reason, message));
    }

    /** Unwinds the recursive descent to {@link #decode}; never leaves this class. */
    private static final class Failure extends RuntimeException {
        private final transient DecodeError error;

        Failure(DecodeError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
